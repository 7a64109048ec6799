import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELF, multipart, rawLogin } from './document-fixtures';
import { startTestApp, type TestApp } from './helpers';
import { expectRawProblem, firstAnswer, openConnection, parseAnswer, type RawConnection } from './raw-http';

/**
 * Answers sent before the request's body has all arrived, over real sockets: the connection closes after the answer,
 * so what the client still sends — the rest of the body, a request it pipelined after it — is never read as a
 * request. A request answered after its whole body keeps its connection for the next one.
 */

const MAX_UPLOAD_BYTES = 1024 * 1024;

let t: TestApp;
let port: number;
let cookie: string;
let csrfToken: string;
beforeAll(async () => {
  t = await startTestApp({ maxUploadBytes: MAX_UPLOAD_BYTES });
  port = Number(new URL(await t.app.listen({ host: '127.0.0.1', port: 0 })).port);
  ({ cookie, csrfToken } = await rawLogin(t));
});
afterAll(async () => {
  await t.close();
});

const NEXT_REQUEST = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';

interface Early {
  /** The request line and headers, without the blank line. */
  head: string;
  body: Buffer;
  /** How much of the body is sent before the answer is awaited. */
  sentFirst: number;
  status: number;
  code: string;
}

/**
 * Sends the head and the first bytes of the body and checks the answer: the expected problem, with
 * `Connection: close`. Then sends the rest of the body and another request on the same connection, and checks that
 * nothing more arrives before the connection closes.
 */
async function expectAnsweredEarly(request: Early): Promise<void> {
  const connection = await openConnection(port);
  connection.socket.write(`${request.head}\r\nContent-Length: ${request.body.length}\r\n\r\n`);
  connection.socket.write(request.body.subarray(0, request.sentFirst));
  await expectClosingAnswer(connection, request.status, request.code, () =>
    Buffer.concat([request.body.subarray(request.sentFirst), Buffer.from(NEXT_REQUEST)]),
  );
}

/** The first answer is this problem and closes the connection; what is sent after it is never answered. */
async function expectClosingAnswer(
  connection: RawConnection,
  status: number,
  code: string,
  rest: () => Buffer,
): Promise<void> {
  const answer = await firstAnswer(connection);
  const parsed = parseAnswer(answer);
  expectRawProblem(parsed, status, code);
  expect(parsed.headers.connection).toBe('close');
  if (connection.isOpen()) connection.socket.write(rest());
  await connection.closed;
  expect(connection.received().slice(answer.length)).toBe('');
}

function upload(headers: string, contentType: string): string {
  return `POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Content-Type: ${contentType}`;
}

describe('an answer sent before the body has arrived', () => {
  const form = multipart([
    { field: 'file', filename: 'contract.pdf', content: Buffer.alloc(200 * 1024, 'a') },
  ]);
  const refusedByContent = multipart([
    { field: 'file', filename: 'invoice.pdf', content: Buffer.concat([ELF, Buffer.alloc(200 * 1024)]) },
  ]);
  const cases: [string, () => Early][] = [
    [
      'no session: 401',
      () => ({
        head: upload('', form.contentType),
        body: form.body,
        sentFirst: 1000,
        status: 401,
        code: 'UNAUTHENTICATED',
      }),
    ],
    [
      'no CSRF token: 403',
      () => ({
        head: upload(`Cookie: ${cookie}\r\n`, form.contentType),
        body: form.body,
        sentFirst: 1000,
        status: 403,
        code: 'CSRF_FAILED',
      }),
    ],
    [
      'a declared length over the upload limit: 413',
      () => ({
        head: upload(`Cookie: ${cookie}\r\nX-CSRF-Token: ${csrfToken}\r\n`, form.contentType),
        body: Buffer.concat([form.body, Buffer.alloc(MAX_UPLOAD_BYTES)]),
        sentFirst: 1000,
        status: 413,
        code: 'TOO_LARGE',
      }),
    ],
    [
      'a file refused by its first bytes: 415',
      () => ({
        head: upload(`Cookie: ${cookie}\r\nX-CSRF-Token: ${csrfToken}\r\n`, refusedByContent.contentType),
        body: refusedByContent.body,
        sentFirst: 20 * 1024,
        status: 415,
        code: 'UNSUPPORTED_FILE_TYPE',
      }),
    ],
    [
      'a JSON body of a type the API does not take: 415',
      () => ({
        head: 'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain',
        body: Buffer.alloc(50 * 1024, 'a'),
        sentFirst: 100,
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      }),
    ],
  ];
  for (const [name, make] of cases) {
    it(`${name}, with Connection: close, and nothing after it read as a request`, async () => {
      await expectAnsweredEarly(make());
    });
  }

  it('with chunks instead of a length, on a route that needs a session: 401 and closed', async () => {
    const connection = await openConnection(port);
    connection.socket.write(
      'POST /api/contracts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Transfer-Encoding: chunked\r\n\r\n5\r\n{"a":\r\n',
    );
    await expectClosingAnswer(connection, 401, 'UNAUTHENTICATED', () =>
      Buffer.from(`1\r\n1\r\n1\r\n}\r\n0\r\n\r\n${NEXT_REQUEST}`),
    );
  });
});

describe('an answer sent after the whole body', () => {
  it('keeps the connection for the next request, refusal or not', async () => {
    const connection = await openConnection(port);
    const body = JSON.stringify({ email: 'nobody@example.gov', password: 'wrong password' });
    connection.socket.write(
      'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    const answer = await firstAnswer(connection);
    const parsed = parseAnswer(answer);
    expectRawProblem(parsed, 401, 'UNAUTHENTICATED');
    expect(parsed.headers.connection).toBe('keep-alive');
    connection.socket.write(NEXT_REQUEST.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'));
    await connection.closed;
    const next = parseAnswer(connection.received().slice(answer.length));
    expect(next.status).toBe(200);
    expect(next.body).toBe('{"status":"ok"}');
  });
});
