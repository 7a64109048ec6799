import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdtemp, open, rm, stat } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../packages/server/src/use-cases/demo-accounts';
import { RssSampler, restingRss, startBenchServer, type BenchServer } from './docket-server';

/**
 * The documents leg of `npm run bench`: a real server (a child process on a fresh PGlite and blob folder) takes a
 * large PDF through `POST /api/documents`, streamed from disk, and gives it back through the download route of a
 * contract that holds it, checked by SHA-256. The server's resident memory is sampled every 50 ms before and
 * during each transfer, and the throughputs are set against a plain copy of the same file on the same disk,
 * measured in the same run. Timings are printed, never asserted.
 */

const MB = 1_000_000;
/** Memory growth a streamed transfer must stay under, whatever the size of the file. */
const FLAT_MEMORY_BYTES = 100 * MB;
const CHUNK = 4 * 1024 * 1024;

interface Leg {
  name: string;
  bytes: number;
  ms: number;
}

interface MemoryLeg {
  name: string;
  restingBytes: number;
  peakBytes: number;
  samples: number;
}

/** Writes `%PDF-1.7\n` then random bytes up to `size`, and returns their SHA-256. */
async function writePdf(path: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(path, 'wx');
  try {
    const header = Buffer.from('%PDF-1.7\n');
    await handle.write(header);
    hash.update(header);
    const chunk = Buffer.alloc(CHUNK);
    for (let written = header.length; written < size;) {
      const part = chunk.subarray(0, Math.min(CHUNK, size - written));
      randomFillSync(part);
      await handle.write(part);
      hash.update(part);
      written += part.length;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

interface Session {
  base: string;
  cookie: string;
  csrf: string;
}

async function json<T>(session: Session, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${session.base}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

async function logIn(base: string): Promise<Session> {
  const account = DEMO_ACCOUNTS.find((a) => a.role === 'STATE_USER');
  if (!account) throw new Error('no demo state user');
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login answered ${response.status}: ${await response.text()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { base, cookie, csrf: csrfToken };
}

function responseText(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk));
    response.on('end', () => resolve(text));
    response.on('error', reject);
  });
}

/** Uploads the file as a multipart form, its body streamed from disk with a known length. */
async function upload(session: Session, file: string, size: number): Promise<Record<string, unknown>> {
  const boundary = `docket-bench-${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench-document.pdf"\r\n` +
      'Content-Type: application/pdf\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const url = new URL('/api/documents', session.base);
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + size + tail.length),
      },
    });
    req.once('response', resolve);
    req.once('error', reject);
    req.write(head);
    const body = createReadStream(file, { highWaterMark: 1024 * 1024 });
    body.once('error', reject);
    body.pipe(req, { end: false });
    body.once('end', () => req.end(tail));
  });
  const text = await responseText(response);
  if (response.statusCode !== 201) throw new Error(`upload answered ${response.statusCode}: ${text}`);
  return (JSON.parse(text) as { document: Record<string, unknown> }).document;
}

/** Downloads a document, hashing it as it comes. */
async function download(session: Session, path: string): Promise<{ size: number; sha256: string }> {
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(new URL(path, session.base), { headers: { cookie: session.cookie } });
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
  if (response.statusCode !== 200) {
    throw new Error(`download answered ${response.statusCode}: ${await responseText(response)}`);
  }
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest('hex') };
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

/** Runs `work` while sampling the server's RSS; the resting RSS is taken just before. */
async function watched<T>(
  server: BenchServer,
  name: string,
  work: () => Promise<T>,
): Promise<{ result: T; ms: number; memory: MemoryLeg }> {
  const restingBytes = await restingRss(server.pid);
  const sampler = new RssSampler(server.pid, 50);
  try {
    const { result, ms } = await timed(work);
    const { peak, samples } = sampler.stop();
    return { result, ms, memory: { name, restingBytes, peakBytes: peak, samples } };
  } finally {
    sampler.stop();
  }
}

function table(header: string[], rows: string[][], numeric: Set<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function report(sizeBytes: number, legs: Leg[], anchor: Leg, memory: MemoryLeg[]): string {
  const rate = (leg: Leg) => leg.bytes / MB / (leg.ms / 1000);
  const throughput = table(
    ['leg', 'MB', 'seconds', 'MB/s', 'ratio to copy'],
    [anchor, ...legs].map((leg) => [
      leg.name,
      (leg.bytes / MB).toFixed(0),
      (leg.ms / 1000).toFixed(2),
      rate(leg).toFixed(0),
      leg === anchor ? '1' : (rate(leg) / rate(anchor)).toPrecision(3),
    ]),
    new Set([1, 2, 3, 4]),
  );
  const memoryTable = table(
    [
      'server RSS',
      'resting MB',
      'peak MB',
      'peak growth MB',
      'samples',
      `growth under ${FLAT_MEMORY_BYTES / MB} MB`,
    ],
    memory.map((m) => [
      m.name,
      (m.restingBytes / MB).toFixed(1),
      (m.peakBytes / MB).toFixed(1),
      ((m.peakBytes - m.restingBytes) / MB).toFixed(1),
      String(m.samples),
      m.peakBytes - m.restingBytes < FLAT_MEMORY_BYTES ? 'yes' : 'NO',
    ]),
    new Set([1, 2, 3, 4]),
  );
  const flat = memory.every((m) => m.peakBytes - m.restingBytes < FLAT_MEMORY_BYTES);
  return [
    `Docket documents benchmark: one ${(sizeBytes / MB).toFixed(0)} MB PDF through a real server ` +
      '(PGlite, folder blob store, same disk)',
    '',
    throughput,
    '',
    memoryTable,
    '',
    `Server memory during upload and download: ${flat ? 'under' : 'NOT under'} ${FLAT_MEMORY_BYTES / MB} MB of growth ` +
      '(peak RSS sampled every 50 ms, less the resting RSS just before).',
    'MB = 10^6 bytes. Ratio to copy: the leg’s MB/s divided by a plain fs.copyFile of the same file on the same disk',
    'in this run; compare ratios, not raw rates, across machines.',
    '',
  ].join('\n');
}

/** Runs the documents leg and returns its report. */
export async function runDocumentsBench(options: {
  sizeMb: number;
  log: (message: string) => void;
}): Promise<string> {
  const { log } = options;
  const size = Math.round(options.sizeMb * MB);
  const folder = await mkdtemp(join(tmpdir(), 'docket-bench-documents-'));
  let server: BenchServer | null = null;
  try {
    const file = join(folder, 'bench-document.pdf');
    log(`Writing a ${options.sizeMb} MB PDF to ${file}…`);
    const sha256 = await writePdf(file, size);

    server = await startBenchServer({
      cwd: folder,
      env: {
        DOCKET_STORE: `pglite:${join(folder, 'db')}`,
        DOCKET_BLOBS: `file:${join(folder, 'blobs')}`,
        DOCKET_MAX_UPLOAD_BYTES: String(size + MB),
      },
      log,
    });
    const session = await logIn(server.url);
    const created = await json<{ id: string; version: number }>(session, 'POST', '/api/contracts', {});

    log('Uploading…');
    const uploaded = await watched(server, 'upload', () => upload(session, file, size));
    const document = uploaded.result;
    if (document.sha256 !== sha256 || document.size !== size) {
      throw new Error(`the server stored other bytes: ${JSON.stringify(document)}`);
    }
    await json(session, 'PUT', `/api/contracts/${created.id}/draft`, {
      version: created.version,
      formData: { contractDetails: { contractDocuments: [document] } },
      rates: [],
    });
    const documentId = String(document.blobKey).split('/').at(-1) ?? '';

    log('Downloading…');
    const downloaded = await watched(server, 'download', () =>
      download(session, `/api/contracts/${created.id}/documents/${documentId}`),
    );
    if (downloaded.result.sha256 !== sha256 || downloaded.result.size !== size) {
      throw new Error('the download is not the file uploaded: its SHA-256 differs');
    }
    log(`Download verified: SHA-256 ${sha256}`);
    await server.stop();
    server = null;

    log('Copying the file with fs.copyFile (the anchor)…');
    const copy = join(folder, 'bench-document-copy.pdf');
    const anchor = await timed(async () => {
      await copyFile(file, copy);
      const handle = await open(copy, 'r');
      await handle.sync();
      await handle.close();
    });
    if ((await stat(copy)).size !== size) throw new Error('the copy is incomplete');

    return report(
      size,
      [
        { name: 'upload (POST /api/documents, multipart, streamed from disk)', bytes: size, ms: uploaded.ms },
        { name: 'download (GET …/documents/:id, SHA-256 checked)', bytes: size, ms: downloaded.ms },
      ],
      { name: 'anchor: fs.copyFile on the same disk (+ fsync)', bytes: size, ms: anchor.ms },
      [uploaded.memory, downloaded.memory],
    );
  } finally {
    await server?.stop();
    await rm(folder, { recursive: true, force: true });
  }
}
