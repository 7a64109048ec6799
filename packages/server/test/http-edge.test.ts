import type { ContractView, SessionView } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentIdOf, upload } from './document-fixtures';
import {
  completeForm,
  createContract,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
  type UserClient,
} from './helpers';
import { exchange, expectRawProblem, parseAnswer } from './raw-http';

/**
 * What every answer under /api carries, and the problems for requests refused before any route — by Fastify's
 * router or by Node's HTTP parser — all over real HTTP.
 */

let t: TestApp;
let mn: UserClient;
let base: string;
let port: number;
beforeAll(async () => {
  t = await startTestApp();
  mn = await t.loginAs('STATE_USER', { state: 'MN' });
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = Number(new URL(base).port);
});
afterAll(async () => {
  await t.close();
});

/** A request over the socket, closed after its answer. */
async function send(method: string, path: string, headers: Record<string, string> = {}) {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return parseAnswer(await exchange(port, `${lines.join('\r\n')}\r\n\r\n`));
}

describe('Cache-Control: no-store', () => {
  it('is on every answer under /api, successes and errors alike', async () => {
    const email = await t.createUser('STATE_USER', { state: 'MN' });
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';', 1)[0] ?? '';
    const { csrfToken } = (await login.json()) as SessionView;
    const contract = await createContract(mn, completeForm('MN'));
    const answers: [string, Response][] = [
      ['login', login],
      ['me, with the CSRF token', await fetch(`${base}/api/me`, { headers: { cookie } })],
      [
        'a contract, with its ETag',
        await fetch(`${base}/api/contracts/${contract.id}`, { headers: { cookie } }),
      ],
      ['a list', await fetch(`${base}/api/contracts`, { headers: { cookie } })],
      ['the OpenAPI document', await fetch(`${base}/api/openapi.json`)],
      ['401', await fetch(`${base}/api/me`)],
      ['404', await fetch(`${base}/api/nothing-here`, { headers: { cookie } })],
      ['400', await fetch(`${base}/api/contracts?limit=0`, { headers: { cookie } })],
      [
        '403',
        await fetch(`${base}/api/contracts`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
        }),
      ],
      [
        '422',
        await fetch(`${base}/api/contracts`, {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
          body: JSON.stringify({ formData: { programIDs: ['01900000-0000-7000-8000-000000000000'] } }),
        }),
      ],
    ];
    for (const [what, response] of answers) {
      expect(response.headers.get('cache-control'), what).toBe('no-store');
    }
    expect(answers.map(([, r]) => r.status)).toEqual([200, 200, 200, 200, 200, 401, 404, 400, 403, 422]);
    expect(answers[2]?.[1].headers.get('etag')).toBe('"1"');
  });

  it('leaves a download private and unstored, as it was', async () => {
    const document = await upload(mn, 'contract.pdf', '%PDF-1.4\n%%EOF\n');
    const created = await createContract(mn);
    const form = completeForm('MN');
    const saved = await mn.put(`/api/contracts/${created.id}/draft`, {
      version: created.version,
      formData: { ...form, contractDetails: { ...form.contractDetails, contractDocuments: [document] } },
    });
    const contract = saved.json<ContractView>();
    const download = await mn.get(`/api/contracts/${contract.id}/documents/${documentIdOf(document)}`);
    expect(download.statusCode, download.body).toBe(200);
    expect(download.headers['cache-control']).toBe('private, no-store');
  });
});

describe('problems for requests refused before any route', () => {
  it('a malformed URL: 400 MALFORMED_URL', async () => {
    for (const path of ['/api/contracts/%zz', '/api/contracts/%ED%A0%80', '/api/states/%E0%A4%A/programs']) {
      const problem = expectRawProblem(await send('GET', path), 400, 'MALFORMED_URL');
      expect(problem.detail).toMatch(/URL is not valid/);
    }
  });

  it('a path parameter longer than 100 characters: 414 URI_TOO_LONG', async () => {
    const answer = await send('GET', `/api/contracts/${'a'.repeat(101)}`);
    expectRawProblem(answer, 414, 'URI_TOO_LONG');
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    // 100 is still a path parameter, refused by the route's own rules.
    expect((await send('GET', `/api/contracts/${'a'.repeat(100)}`)).status).toBe(401);
  });

  it('a huge query or huge headers, answered by Node itself: 431 HEADERS_TOO_LARGE, connection closed', async () => {
    const query = expectRawProblem(
      await send('GET', `/api/contracts?cursor=${'a'.repeat(20_000)}`),
      431,
      'HEADERS_TOO_LARGE',
    );
    expect(query.detail).toMatch(/larger than 16 KiB/);
    expectRawProblem(
      await send('GET', '/api/me', { 'X-Padding': 'p'.repeat(20_000) }),
      431,
      'HEADERS_TOO_LARGE',
    );
  });

  it('a method the path does not have: 405 METHOD_NOT_ALLOWED with Allow; an unknown path stays 404', async () => {
    const cases: [string, string, string][] = [
      ['DELETE', '/api/contracts', 'GET, HEAD, POST'],
      ['PATCH', '/api/contracts/01900000-0000-7000-8000-000000000000', 'GET, HEAD'],
      ['GET', '/api/auth/login', 'POST'],
      ['OPTIONS', '/api/contracts', 'GET, HEAD, POST'],
      ['PROPFIND', '/api/contracts', 'GET, HEAD, POST'],
      ['TRACE', '/api/me', 'GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      const answer = await send(method, path);
      const problem = expectRawProblem(answer, 405, 'METHOD_NOT_ALLOWED');
      expect(answer.headers.allow, `${method} ${path}`).toBe(allow);
      expect(problem.detail).toBe(`${path} does not take ${method}; it takes ${allow}`);
    }
    expectRawProblem(await send('DELETE', '/api/nothing-here'), 404, 'NOT_FOUND');
  });

  it('a method no server knows, refused by Node: 501 NOT_IMPLEMENTED', async () => {
    expectRawProblem(await send('FROB', '/api/contracts'), 501, 'NOT_IMPLEMENTED');
  });

  it('a request line that is not HTTP: 400 BAD_REQUEST', async () => {
    const answer = parseAnswer(await exchange(port, 'GET /api/me\u0000 HTTP/1.1\r\nHost: x\r\n\r\n'));
    expectRawProblem(answer, 400, 'BAD_REQUEST');
    expect(answer.headers.connection).toBe('close');
  });
});
