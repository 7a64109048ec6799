import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_TIMEOUTS, type HttpTimeouts } from '../src/http/timeouts';
import { filesUnder, multipart, PDF, rawLogin } from './document-fixtures';
import { expectRawProblem, openConnection, parseAnswer, pause, trickle } from './raw-http';
import { startTestApp, type TestApp } from './helpers';

/**
 * Slow clients over real sockets, with the limits shortened: trickled headers and bodies are cut, stalls are cut,
 * but a slow upload that keeps sending is never cut, however long it takes in all.
 */

const LIMITS: HttpTimeouts = { headersMs: 1000, bodyMs: 2000, idleMs: 1500, keepAliveMs: 1000 };
/** Node checks header and body deadlines every quarter of the header limit; this covers that and a slow machine. */
const SLACK_MS = 1500;

let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await startTestApp({ httpTimeouts: LIMITS, maxUploadBytes: 1024 * 1024 });
  port = Number(new URL(await t.app.listen({ host: '127.0.0.1', port: 0 })).port);
});
afterAll(async () => {
  await t.close();
});

describe('the limits', () => {
  it('are set on the server, with no total limit on a request', async () => {
    const defaults = await startTestApp({ datastore: t.datastore });
    try {
      const server = defaults.app.server;
      expect(server.headersTimeout).toBe(HTTP_TIMEOUTS.headersMs);
      expect(server.requestTimeout).toBe(0);
      expect(server.keepAliveTimeout).toBe(HTTP_TIMEOUTS.keepAliveMs);
      expect(server.timeout).toBe(HTTP_TIMEOUTS.idleMs);
      expect(HTTP_TIMEOUTS).toEqual({
        headersMs: 20_000,
        bodyMs: 60_000,
        idleMs: 30_000,
        keepAliveMs: 65_000,
      });
    } finally {
      await defaults.close();
    }
  });
});

describe('a client that sends slowly', () => {
  it('trickling headers, on many connections at once, gets 408 and is closed on each', async () => {
    const connections = await Promise.all(Array.from({ length: 10 }, () => openConnection(port)));
    const header = `GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(100)}`;
    // A byte every 200 ms: never idle, never done.
    for (const connection of connections) void trickle(connection, header, 200);
    const closedAfter = await Promise.all(connections.map((c) => c.closed));
    for (const [index, connection] of connections.entries()) {
      expect(closedAfter[index]).toBeLessThan(LIMITS.headersMs + SLACK_MS);
      const problem = expectRawProblem(parseAnswer(connection.received()), 408, 'REQUEST_TIMEOUT');
      expect(problem.detail).toMatch(/did not arrive in time/);
    }
  });

  it('trickling a JSON body gets 408 and is closed', async () => {
    const connection = await openConnection(port);
    const body = JSON.stringify({ email: 'slow@example.gov', password: 'x'.repeat(100) });
    connection.socket.write(
      'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    void trickle(connection, body, 200);
    const closedAfter = await connection.closed;
    expect(closedAfter).toBeGreaterThanOrEqual(LIMITS.bodyMs - 100);
    expect(closedAfter).toBeLessThan(LIMITS.bodyMs + SLACK_MS);
    const problem = expectRawProblem(parseAnswer(connection.received()), 408, 'REQUEST_TIMEOUT');
    expect(problem.detail).toMatch(/did not arrive within 2 seconds/);
  });

  it('stalling in the middle of a body is closed once idle', async () => {
    const connection = await openConnection(port);
    connection.socket.write(
      'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{"email":',
    );
    const closedAfter = await connection.closed;
    expect(closedAfter).toBeGreaterThanOrEqual(LIMITS.idleMs - 100);
    expect(closedAfter).toBeLessThan(LIMITS.bodyMs);
  });

  it('keeping a connection open after its answer is closed once the keep-alive time is over', async () => {
    const connection = await openConnection(port);
    connection.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const closedAfter = await connection.closed;
    expect(parseAnswer(connection.received()).status).toBe(200);
    expect(closedAfter).toBeLessThan(LIMITS.keepAliveMs + SLACK_MS + 1000);
  });
});

describe('an upload', () => {
  async function startUpload(form: { body: Buffer; contentType: string }) {
    const { cookie, csrfToken } = await rawLogin(t);
    const connection = await openConnection(port);
    connection.socket.write(
      `POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nX-CSRF-Token: ${csrfToken}\r\n` +
        `Content-Type: ${form.contentType}\r\nContent-Length: ${form.body.length}\r\nConnection: close\r\n\r\n`,
    );
    return connection;
  }

  it('sent slowly but steadily succeeds, however much longer than every limit it takes in all', async () => {
    const bytes = Buffer.alloc(24 * 1024, 'a');
    PDF.copy(bytes);
    const form = multipart([{ field: 'file', filename: 'slow line.pdf', content: bytes }]);
    const connection = await startUpload(form);
    const started = Date.now();
    const chunks = 12;
    const size = Math.ceil(form.body.length / chunks);
    for (let i = 0; i < chunks; i++) {
      connection.socket.write(form.body.subarray(i * size, (i + 1) * size));
      await pause(500);
    }
    await connection.closed;
    const took = Date.now() - started;
    expect(took).toBeGreaterThan(
      Math.max(LIMITS.headersMs, LIMITS.bodyMs, LIMITS.idleMs, LIMITS.keepAliveMs) * 2,
    );
    const answer = parseAnswer(connection.received());
    expect(answer.status, answer.body).toBe(201);
    expect(JSON.parse(answer.body)).toMatchObject({
      document: { name: 'slow line.pdf', size: bytes.length },
    });
  });

  it('that stalls is closed once idle, and leaves nothing stored', async () => {
    const blobDir = t.blobDir ?? '';
    const before = await filesUnder(blobDir);
    const bytes = Buffer.alloc(64 * 1024, 'a');
    PDF.copy(bytes);
    const form = multipart([{ field: 'file', filename: 'stalled.pdf', content: bytes }]);
    const connection = await startUpload(form);
    connection.socket.write(form.body.subarray(0, 20 * 1024));
    const closedAfter = await connection.closed;
    expect(closedAfter).toBeGreaterThanOrEqual(LIMITS.idleMs - 100);
    expect(closedAfter).toBeLessThan(LIMITS.idleMs + SLACK_MS);
    const deadline = Date.now() + 5000;
    while ((await filesUnder(blobDir)).length > before.length && Date.now() < deadline) await pause(50);
    expect(await filesUnder(blobDir)).toEqual(before);
  });
});
