import { rm } from 'node:fs/promises';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { BlobStore } from '@docket/blobs';
import { CONTRACT_ACTION_NAMES, CONTRACT_ACTIONS } from '@docket/domain';
import type { Datastore } from '@docket/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type DocketApp } from '../src/app';
import { openTestBlobStore, openTestDatastore, TEST_SECRET } from './helpers';

interface Operation {
  tags?: string[];
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  requestBody?: { required?: boolean; description?: string; content: Record<string, { schema: unknown }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: unknown }> }>;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

let datastore: Datastore;
let blobs: { blobs: BlobStore; dir: string };
let app: DocketApp;
let document: OpenApiDocument;
let rawDocument: Record<string, unknown>;
const routes: { method: string; url: string }[] = [];

beforeAll(async () => {
  datastore = await openTestDatastore();
  blobs = await openTestBlobStore();
  app = buildApp({
    datastore,
    blobs: blobs.blobs,
    secret: TEST_SECRET,
    demo: false,
    secureCookies: false,
    logLevel: 'silent',
    webRoot: null,
  });
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  await app.ready();
  const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(response.statusCode).toBe(200);
  document = response.json<OpenApiDocument>();
  rawDocument = response.json<Record<string, unknown>>();
});
afterAll(async () => {
  await app.close();
  await datastore.close();
  await blobs.blobs.close();
  await rm(blobs.dir, { recursive: true, force: true });
});

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(rawDocument);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });

  it('describes every route the app serves', () => {
    const served = routes
      .filter((r) => r.method !== 'HEAD' && r.url !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(served.length).toBeGreaterThanOrEqual(20);
    expect(documented.sort()).toEqual(served.sort());
  });

  it('documents every contract action of the domain table at its path, with its summary', () => {
    for (const action of CONTRACT_ACTION_NAMES) {
      const { method, path, summary, tag } = CONTRACT_ACTIONS[action].http;
      const operation = document.paths[`/api/contracts/{id}/${path}`]?.[method.toLowerCase()];
      expect(operation?.summary, action).toBe(summary);
      expect(operation?.tags, action).toEqual([tag]);
      expect(operation?.requestBody?.required, action).toBe(true);
    }
  });

  it('declares the session cookie and the CSRF header, and uses them on every write', () => {
    expect(document.components.securitySchemes).toEqual({
      sessionCookie: { type: 'apiKey', in: 'cookie', name: 'docket_session' },
      csrfToken: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
    });
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.tags?.length, `${method} ${path} has a tag`).toBeGreaterThan(0);
        expect(operation.summary, `${method} ${path} has a summary`).toBeTruthy();
        const isWrite = method !== 'get' && path !== '/api/auth/login';
        if (isWrite)
          expect(operation.security, `${method} ${path}`).toEqual([{ sessionCookie: [], csrfToken: [] }]);
      }
    }
  });

  it('uses the shared schemas: contract view, form, problems', () => {
    const put = document.paths['/api/contracts/{id}/draft']?.put;
    expect(JSON.stringify(put?.requestBody)).toContain('#/components/schemas/ContractFormInput');
    expect(JSON.stringify(put?.responses['200'])).toContain('#/components/schemas/Contract');
    expect(put?.responses['409']?.content?.['application/problem+json']?.schema).toEqual({
      $ref: '#/components/schemas/Problem',
    });
    expect(put?.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['path:id', 'header:if-match']),
    );
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'Problem',
        'Contract',
        'ContractList',
        'Session',
        'Program',
        'ContractFormInput',
      ]),
    );
  });

  it('describes the upload as a multipart form with one required binary part, `file`, and its limits', () => {
    const upload = document.paths['/api/documents']?.post;
    expect(upload?.requestBody?.required).toBe(true);
    expect(Object.keys(upload?.requestBody?.content ?? {})).toEqual(['multipart/form-data']);
    const form = upload?.requestBody?.content['multipart/form-data']?.schema;
    expect(form).toMatchObject({
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    });
    expect(upload?.requestBody?.description).toContain('250 MB');
    expect(upload?.requestBody?.description).toContain('PDF, DOC, DOCX, XLS, XLSX, XLSM or CSV');
    // Every answer of the upload is described as what it is, with the codes it carries.
    const answers = upload?.responses ?? {};
    expect(Object.keys(answers).sort()).toEqual(['201', '400', '401', '403', '413', '415', '422']);
    expect(answers['201']?.description).toContain('uploadToken');
    expect(answers['201']?.content?.['application/json']?.schema).toMatchObject({
      type: 'object',
      required: ['document'],
    });
    const codes: Record<string, string[]> = {
      '400': ['MISSING_FILE', 'TOO_MANY_PARTS', 'MALFORMED_FORM', 'INCOMPLETE_UPLOAD', 'VALIDATION_FAILED'],
      '413': ['TOO_LARGE'],
      '415': ['UNSUPPORTED_FILE_TYPE'],
      '422': ['EMPTY_FILE', 'INVALID_FILE_NAME'],
    };
    for (const [status, expected] of Object.entries(codes)) {
      for (const code of expected) expect(answers[status]?.description, status).toContain(`\`${code}\``);
    }
    expect(answers['422']?.description).not.toContain('date');
    const download = document.paths['/api/contracts/{id}/documents/{documentId}']?.get;
    expect(download?.responses['200']?.content?.['application/octet-stream']?.schema).toEqual({
      type: 'string',
      format: 'binary',
    });
  });
});
