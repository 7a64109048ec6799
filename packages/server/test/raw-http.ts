import { connect, type Socket } from 'node:net';
import type { Problem } from '@docket/domain';
import { expect } from 'vitest';

/** HTTP over a bare socket, for what `inject` and `fetch` cannot do: send slowly, send malformed requests. */

export interface RawConnection {
  socket: Socket;
  /** Everything received so far, as text. */
  received(): string;
  /** Resolves when the server closes the connection, with the milliseconds since it was opened. */
  closed: Promise<number>;
  /** Whether the connection is still open. */
  isOpen(): boolean;
}

export async function openConnection(port: number): Promise<RawConnection> {
  const socket = connect(port, '127.0.0.1');
  const opened = Date.now();
  let text = '';
  let open = true;
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  // A reset is a close too; the tests look at what arrived before it.
  socket.on('error', () => {});
  const closed = new Promise<number>((resolve) =>
    socket.once('close', () => {
      open = false;
      resolve(Date.now() - opened);
    }),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, received: () => text, closed, isOpen: () => open };
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Writes one byte after another, a pause between each, while the connection stays open. */
export async function trickle(connection: RawConnection, text: string, everyMs: number): Promise<void> {
  for (const byte of text) {
    if (!connection.isOpen()) return;
    connection.socket.write(byte);
    await pause(everyMs);
  }
}

/** Sends one request and reads the whole answer (the request asks for the connection to be closed). */
export async function exchange(port: number, request: string | Buffer): Promise<string> {
  const connection = await openConnection(port);
  connection.socket.write(request);
  await connection.closed;
  return connection.received();
}

/**
 * Waits until the first answer on the connection has arrived whole (its headers and the body its length gives), or
 * the connection closed, and returns what arrived.
 */
export async function firstAnswer(connection: RawConnection): Promise<string> {
  for (;;) {
    const text = connection.received();
    const end = text.indexOf('\r\n\r\n');
    const length = end === -1 ? null : /^content-length:\s*(\d+)/im.exec(text.slice(0, end));
    if (length && text.length >= end + 4 + Number(length[1])) return text;
    if (!connection.isOpen()) return text;
    await pause(20);
  }
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The status line, headers (lower-cased names) and body of the first answer in `text`. */
export function parseAnswer(text: string): RawAnswer {
  const end = text.indexOf('\r\n\r\n');
  expect(end, `an HTTP answer: ${JSON.stringify(text.slice(0, 200))}`).toBeGreaterThan(0);
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(end + 4) };
}

/** Asserts that an answer is a problem+json with this status and code, not to be stored; returns the problem. */
export function expectRawProblem(answer: RawAnswer, status: number, code: string): Problem {
  expect(answer.status, answer.body).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(answer.headers['cache-control']).toBe('no-store');
  const problem = JSON.parse(answer.body) as Problem;
  expect(problem).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String) });
  return problem;
}
