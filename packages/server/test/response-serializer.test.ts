import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseSerializerCompiler, ResponseShapeError, ResponseWriterError } from '../src/http/serializer';
import {
  completeForm,
  completeRateForm,
  createContract,
  startTestApp,
  type TestApp,
  type UserClient,
} from './helpers';

/** A bare Fastify app answering `body` through the response serializer, with the error it raised, if any. */
async function answer(schema: z.ZodType, body: unknown, validate: boolean) {
  const app = Fastify({ logger: false });
  app.setSerializerCompiler(responseSerializerCompiler({ validate }));
  let raised: unknown = null;
  app.setErrorHandler((error, _request, reply) => {
    raised = error;
    return reply.code(500).send('failed');
  });
  app.get('/thing', { schema: { response: { 200: schema } } }, async () => body);
  try {
    const response = await app.inject({ method: 'GET', url: '/thing' });
    return { response, raised };
  } finally {
    await app.close();
  }
}

const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  manager: z.object({ id: z.string() }).nullable(),
  roles: z.array(z.enum(['A', 'B'])),
});

describe('the response serializer', () => {
  it.each([true, false])(
    'writes only what the schema declares, nested too (validating: %s)',
    async (validate) => {
      const { response } = await answer(
        userSchema,
        {
          id: 'u1',
          email: 'a@example.gov',
          passwordHash: 'secret-hash',
          manager: { id: 'u2', sessionToken: 'secret-token' },
          roles: ['A'],
        },
        validate,
      );
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('secret');
      expect(response.json()).toEqual({
        id: 'u1',
        email: 'a@example.gov',
        manager: { id: 'u2' },
        roles: ['A'],
      });
    },
  );

  it('refuses, when validating, a response of another shape, naming the route', async () => {
    const { response, raised } = await answer(
      userSchema,
      { id: 'u1', email: 42, manager: null, roles: ['C'] },
      true,
    );
    expect(response.statusCode).toBe(500);
    expect(raised).toBeInstanceOf(ResponseShapeError);
    expect((raised as Error).message).toContain('GET /thing');
  });

  it('refuses, when validating, a schema whose compiled writer says something else than zod lets through', async () => {
    // A hand-made JSON Schema that says more than zod: the writer would turn the string into a number.
    const schema = z.object({ n: z.string().meta({ type: 'integer' }) });
    const { response, raised } = await answer(schema, { n: '12' }, true);
    expect(response.statusCode).toBe(500);
    expect(raised).toBeInstanceOf(ResponseWriterError);
  });
});

/**
 * Production writes responses without checking them. The same requests, on the same datastore, must then answer
 * the very same bodies as an app that checks every response against its schema (and its writer against zod).
 */
describe('responses written without validation', () => {
  let checked: TestApp;
  let unchecked: TestApp;
  beforeAll(async () => {
    checked = await startTestApp();
    unchecked = await startTestApp({
      datastore: checked.datastore,
      blobs: checked.blobs,
      validateResponses: false,
    });
  });
  afterAll(async () => {
    await unchecked.close();
    await checked.close();
  });

  async function sameAnswer(a: UserClient, b: UserClient, url: string) {
    const [left, right] = await Promise.all([a.get(url), b.get(url)]);
    expect(left.statusCode).toBe(200);
    expect(right.statusCode).toBe(left.statusCode);
    expect(right.headers['content-type']).toBe(left.headers['content-type']);
    expect(right.json()).toEqual(left.json());
    return left.json<unknown>();
  }

  it('answer exactly what validated responses answer, for every read of a filing with rates and an unlock', async () => {
    const stateA = await checked.loginAs('STATE_USER', { state: 'MN' });
    const stateB = await unchecked.loginAs('STATE_USER', { state: 'MN' });
    const cmsA = await checked.loginAs('CMS_USER');
    const cmsB = await unchecked.loginAs('CMS_USER');

    const withRates = completeForm('MN', { submissionType: 'CONTRACT_AND_RATES' });
    const created = await createContract(stateA, withRates);
    const saved = await stateA.put(
      `/api/contracts/${created.id}/draft`,
      {
        version: created.version,
        formData: withRates,
        rates: [{ kind: 'NEW', rateId: null, formData: completeRateForm('MN') }],
      },
      { 'if-match': `"${created.version}"` },
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<{ rates: unknown[] }>().rates, saved.body).toHaveLength(1);
    const submitted = await stateA.post(`/api/contracts/${created.id}/submit`, {
      version: saved.json<{ version: number }>().version,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const unlocked = await cmsA.post(`/api/contracts/${created.id}/unlock`, {
      version: submitted.json<{ version: number }>().version,
      reason: 'Fix the dates',
    });
    expect(unlocked.statusCode, unlocked.body).toBe(200);

    const view = (await sameAnswer(stateA, stateB, `/api/contracts/${created.id}`)) as {
      rates: unknown[];
      revisions: unknown[];
    };
    expect(view.rates).toHaveLength(1);
    expect(view.revisions).toHaveLength(2);
    await sameAnswer(cmsA, cmsB, `/api/contracts/${created.id}`);
    const list = (await sameAnswer(stateA, stateB, '/api/contracts?limit=5')) as { items: unknown[] };
    expect(list.items.length).toBeGreaterThan(0);
    await sameAnswer(cmsA, cmsB, '/api/contracts?limit=5');
    await sameAnswer(stateA, stateB, '/api/states/MN/programs');
    await sameAnswer(stateA, stateB, '/api/rates/linkable?stateCode=MN&limit=5');
  });
});
