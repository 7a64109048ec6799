import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileBlobStore } from '@docket/blobs/file';
import type { SessionView } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { openDatastore } from '../src/composition-root';
import { expectProblem, startTestApp, TEST_PASSWORD, TEST_SECRET, type TestApp } from './helpers';

let t: TestApp;
let webRoot: string;
beforeAll(async () => {
  webRoot = await mkdtemp(join(tmpdir(), 'docket-web-'));
  await mkdir(join(webRoot, 'assets'));
  await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>Docket</title><div id="root"></div>');
  await writeFile(join(webRoot, 'assets', 'app-abc123.js'), 'console.log("docket")');
  t = await startTestApp({ webRoot });
});
afterAll(async () => {
  await t.close();
  await rm(webRoot, { recursive: true, force: true });
});

describe('health', () => {
  it('/healthz answers 200 always, with a request id', async () => {
    const response = await t.anonymous.get('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const traced = await t.anonymous.get('/healthz', { 'x-request-id': 'lb-trace-42' });
    expect(traced.headers['x-request-id']).toBe('lb-trace-42');
  });

  it('/readyz answers 200 when the datastore answers', async () => {
    const response = await t.anonymous.get('/readyz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers 503 when the datastore does not, while /healthz stays 200', async () => {
    // A real PostgreSQL driver pointed at a loopback port where nothing listens.
    const unreachable = await openDatastore({
      kind: 'postgres',
      url: 'postgres://docket:x@127.0.0.1:1/docket',
    });
    const app = buildApp({
      datastore: unreachable,
      blobs: t.blobs,
      secret: TEST_SECRET,
      demo: false,
      secureCookies: false,
      logLevel: 'silent',
      webRoot: null,
    });
    try {
      expectProblem(await app.inject({ method: 'GET', url: '/readyz' }), 503, 'NOT_READY');
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      // Anything unexpected is a 500 with a generic message: no driver error, host or stack leaks out.
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'a@b.gov', password: 'whatever' },
        headers: { 'x-request-id': 'trace-500' },
      });
      const problem = expectProblem(login, 500, 'INTERNAL');
      expect(problem.detail).toBe(
        'Something went wrong on our side; it has been logged as request trace-500',
      );
      expect(login.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|at /);
    } finally {
      await app.close();
      await unreachable.close();
    }
  });

  it('/readyz answers 503 when the blob store does not, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'docket-gone-'));
    const blobs = await createFileBlobStore({ dir });
    await rm(dir, { recursive: true, force: true });
    const app = buildApp({
      datastore: t.datastore,
      blobs,
      secret: TEST_SECRET,
      demo: false,
      secureCookies: false,
      logLevel: 'silent',
      webRoot: null,
    });
    try {
      const problem = expectProblem(await app.inject({ method: 'GET', url: '/readyz' }), 503, 'NOT_READY');
      expect(problem.detail).toBe('The blob store does not answer');
    } finally {
      await app.close();
      await blobs.close();
    }
  });
});

describe('the web app', () => {
  it('serves index.html with a strict CSP, and falls back to it for client routes', async () => {
    for (const url of ['/', '/contracts/123/summary', '/dashboard?state=MN']) {
      const response = await t.anonymous.get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('<div id="root">');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
    const csp = (await t.anonymous.get('/')).headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("font-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('sends the same security headers with every answer: pages, API answers, problems and 404s', async () => {
    const answers = await Promise.all(
      ['/', '/api/reference/states', '/api/contracts', '/api/no-such-thing', '/assets/missing.js'].map(
        (url) => t.anonymous.get(url),
      ),
    );
    const statuses = answers.map((response) => response.statusCode);
    expect(statuses).toContain(200);
    expect(statuses).toContain(401);
    expect(statuses).toContain(404);
    for (const response of answers) {
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('serves hashed assets as immutable; a missing file is a 404, not the page', async () => {
    const asset = await t.anonymous.get('/assets/app-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expectProblem(await t.anonymous.get('/assets/missing.js'), 404, 'NOT_FOUND');
  });

  it('never answers /api with the page', async () => {
    expectProblem(await t.anonymous.get('/api/unknown'), 404, 'NOT_FOUND');
  });

  it('sends security headers on API answers', async () => {
    const response = await t.anonymous.get('/healthz');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('over a real socket', () => {
  it('listens on 127.0.0.1:0 and serves login, me and a write with fetch', async () => {
    const email = await t.createUser('STATE_USER', { state: 'FL' });
    const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const session = (await login.json()) as SessionView;
    // The session cookie, beside the device cookie that remembers this browser for login throttling.
    const setCookie = login.headers.getSetCookie().find((c) => c.startsWith('docket_session=')) ?? '';
    expect(setCookie).toMatch(/^docket_session=[^;]+; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/);
    const cookie = setCookie.split(';', 1)[0] ?? '';

    const me = await fetch(`${url}/api/me`, { headers: { cookie } });
    expect(((await me.json()) as SessionView).user.email).toBe(email);

    const created = await fetch(`${url}/api/contracts`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');

    const broken = await fetch(`${url}/api/contracts`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
      body: '{"formData": ',
    });
    expect(broken.status).toBe(400);
    expect(broken.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('https deployments', () => {
  it('marks the cookie Secure and sends HSTS when DOCKET_SECURE_COOKIES is set', async () => {
    const secure = await startTestApp({ datastore: t.datastore, secureCookies: true });
    try {
      const email = await secure.createUser('READONLY');
      const response = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: TEST_PASSWORD },
      });
      expect(response.cookies.find((c) => c.name === 'docket_session')?.secure).toBe(true);
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    } finally {
      await secure.close();
    }
  });
});
