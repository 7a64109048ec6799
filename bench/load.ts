import { Agent, request, type IncomingHttpHeaders } from 'node:http';

/**
 * The load driver of the API leg: N kept-alive connections, each sending one request after the other for a warm-up
 * and then a measured window. What each connection sends next is up to its worker, which sees every answer (to
 * walk a cursor or follow a version). Latencies of the measured window go into a histogram; every error and every
 * answer outside 2xx is counted, and the first few kept as samples. Timings are printed, never asserted.
 */

export interface LoadRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  headers?: Record<string, string>;
  /** JSON text. */
  body?: string;
}

export interface LoadResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One connection's script: what to send next, and what to make of the answer. */
export interface LoadWorker {
  next(): LoadRequest;
  /** Called with every answer; returns an error message when the answer is not what was expected. */
  done(response: LoadResponse): string | null;
}

export interface LoadOptions {
  /** `http://host:port`. */
  url: string;
  connections: number;
  warmupMs: number;
  durationMs: number;
  worker(index: number): LoadWorker;
  /** Called when the measured window opens and when it closes (to read CPU counters, say). */
  onWindow?: { open(): void; close(): void };
}

export interface LoadResult {
  /** Answers completed inside the measured window. */
  requests: number;
  seconds: number;
  perSecond: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  /** Failed requests (no answer) and unexpected answers, warm-up included. */
  errors: number;
  /** Of those, answers with a status outside 2xx. */
  non2xx: number;
  errorSamples: string[];
  /** Statements per request, from the `Server-Timing` header's `db` entry; null when no answer carried it. */
  statements: { perRequest: number; answers: number } | null;
}

/**
 * A latency histogram with buckets 1% apart from 10 µs up: percentiles are within 1% of the exact value, whatever
 * the number of samples, in constant memory.
 */
export class LatencyHistogram {
  private static readonly MIN_US = 10;
  private static readonly GROWTH = Math.log(1.01);
  private readonly counts = new Map<number, number>();
  private total = 0;

  record(ms: number): void {
    const us = Math.max(LatencyHistogram.MIN_US, ms * 1000);
    const bucket = Math.floor(Math.log(us / LatencyHistogram.MIN_US) / LatencyHistogram.GROWTH);
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
    this.total += 1;
  }

  get count(): number {
    return this.total;
  }

  /** The latency in ms below which `fraction` of the samples fall (the upper edge of its bucket). */
  percentile(fraction: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.ceil(fraction * this.total);
    let seen = 0;
    for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bucket) ?? 0;
      if (seen >= rank)
        return (LatencyHistogram.MIN_US * Math.exp((bucket + 1) * LatencyHistogram.GROWTH)) / 1000;
    }
    return Number.NaN;
  }
}

/**
 * The number of statements in a `Server-Timing` header's `db` entry, as in `db;desc="3 statements";dur=1.2`, or
 * null when there is no such entry or it says no number.
 */
export function statementsOf(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return null;
  for (const entry of value.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    const [name, ...params] = entry.split(';').map((part) => part.trim());
    if (name !== 'db') continue;
    for (const param of params) {
      const match = /^desc\s*=\s*"?\s*(\d+)\b/.exec(param);
      if (match?.[1]) return Number(match[1]);
    }
  }
  return null;
}

function send(agent: Agent, base: URL, load: LoadRequest): Promise<LoadResponse> {
  return new Promise((resolve, reject) => {
    const body = load.body === undefined ? undefined : Buffer.from(load.body);
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        method: load.method,
        path: load.path,
        agent,
        headers: {
          ...load.headers,
          ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const base = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const histogram = new LatencyHistogram();
  const errorSamples: string[] = [];
  let errors = 0;
  let non2xx = 0;
  let statements = 0;
  let counted = 0;
  const started = performance.now();
  const windowOpens = started + options.warmupMs;
  const windowCloses = windowOpens + options.durationMs;
  // Each edge of the window is marked once: by its timer, or after the loops if a busy event loop made the timer
  // late (the loops stop by the clock, and may all be done before it fires).
  const once = (mark: (() => void) | undefined) => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      mark?.();
    };
  };
  const open = once(() => options.onWindow?.open());
  const close = once(() => options.onWindow?.close());
  const opener = setTimeout(open, options.warmupMs);
  const closer = setTimeout(close, options.warmupMs + options.durationMs);

  // Errors count whenever they happen, warm-up included; latencies and rates only inside the window.
  const fail = (message: string) => {
    errors += 1;
    if (errorSamples.length < 5) errorSamples.push(message);
  };
  const loop = async (index: number) => {
    const worker = options.worker(index);
    while (performance.now() < windowCloses) {
      const load = worker.next();
      const sent = performance.now();
      let response: LoadResponse;
      try {
        response = await send(agent, base, load);
      } catch (error) {
        fail(`${load.method} ${load.path}: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      const answered = performance.now();
      const problem = worker.done(response);
      if (response.status < 200 || response.status > 299) {
        non2xx += 1;
        fail(`${load.method} ${load.path}: ${response.status} ${response.body.slice(0, 300)}`);
      } else if (problem !== null) {
        fail(`${load.method} ${load.path}: ${problem}`);
      }
      if (sent < windowOpens || answered > windowCloses) continue;
      histogram.record(answered - sent);
      const n = statementsOf(response.headers['server-timing']);
      if (n !== null) {
        statements += n;
        counted += 1;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, (_, index) => loop(index)));
  } finally {
    clearTimeout(opener);
    clearTimeout(closer);
    agent.destroy();
  }
  open();
  close();
  return resultOf(histogram, options.durationMs, {
    errors,
    non2xx,
    errorSamples,
    statements: counted === 0 ? null : { perRequest: statements / counted, answers: counted },
  });
}

/** A load's result from its window's histogram and what went wrong. */
function resultOf(
  histogram: LatencyHistogram,
  durationMs: number,
  failures: Pick<LoadResult, 'errors' | 'non2xx' | 'errorSamples' | 'statements'>,
): LoadResult {
  const seconds = durationMs / 1000;
  return {
    requests: histogram.count,
    seconds,
    perSecond: histogram.count / seconds,
    p50: histogram.percentile(0.5),
    p99: histogram.percentile(0.99),
    ...failures,
  };
}

export interface CallLoadOptions {
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** What connection `index` calls next, one call after the other; a rejection counts as an error. */
  call(index: number): () => Promise<void>;
}

/**
 * The same load as `runLoad`, with calls of a function instead of HTTP requests: how an anchor drives an engine
 * straight (a `pg` pool, the DynamoDB SDK) with as many concurrent callers as the server had connections, measured
 * the same way, so that the two are compared percentile for percentile.
 */
export async function runCalls(options: CallLoadOptions): Promise<LoadResult> {
  const histogram = new LatencyHistogram();
  const errorSamples: string[] = [];
  let errors = 0;
  const windowOpens = performance.now() + options.warmupMs;
  const windowCloses = windowOpens + options.durationMs;
  const loop = async (index: number) => {
    const call = options.call(index);
    while (performance.now() < windowCloses) {
      const sent = performance.now();
      try {
        await call();
      } catch (error) {
        errors += 1;
        if (errorSamples.length < 5)
          errorSamples.push(error instanceof Error ? error.message : String(error));
        continue;
      }
      const answered = performance.now();
      if (sent >= windowOpens && answered <= windowCloses) histogram.record(answered - sent);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, (_, index) => loop(index)));
  return resultOf(histogram, options.durationMs, { errors, non2xx: 0, errorSamples, statements: null });
}
