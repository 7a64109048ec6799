import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * A real Docket server for the benchmark: `docket demo` (or `docket serve`) in a child process of its own (so that
 * its memory and CPU can be watched apart from the benchmark's), on the datastore and blob store given, on a free
 * loopback port.
 */

const MAIN = fileURLToPath(new URL('../packages/server/src/cli/main.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const STARTED = {
  demo: /Docket demo is running at (http:\/\/\S+)/,
  serve: /Docket is listening on (http:\/\/\S+)/,
};

export interface BenchServer {
  url: string;
  pid: number;
  /** Stops the server (SIGTERM, then SIGKILL after a while) and waits for it to end. */
  stop(): Promise<void>;
}

export async function startBenchServer(options: {
  cwd: string;
  env: Record<string, string>;
  log: (message: string) => void;
  /** `demo` (the default: demo users, a generated secret) or `serve` (give DOCKET_SECRET in `env`). */
  command?: 'demo' | 'serve';
}): Promise<BenchServer> {
  const command = options.command ?? 'demo';
  const child: ChildProcess = spawn(process.execPath, ['--import', TSX, MAIN, command], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      DOCKET_LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = await listening(child, STARTED[command], 'the server');
  options.log(`Server ${server.pid} listening at ${server.url}`);
  return server;
}

/**
 * A server in `child`, once its standard output has said where it listens (`said`'s first group); stops with
 * SIGTERM, then SIGKILL after 10 s. @throws when the child ends or fails before it said so.
 */
export async function listening(child: ChildProcess, said: RegExp, what: string): Promise<BenchServer> {
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout: string | null = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      // Read on to the end, keeping nothing once the address is known: the pipe must not fill up.
      if (stdout === null) return;
      stdout += chunk.toString();
      const match = said.exec(stdout);
      if (match?.[1]) {
        stdout = null;
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`${what} ended (${code}) before it listened:\n${stderr}`)));
    child.once('error', reject);
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${what} has no process id`);
  return {
    url,
    pid,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await ended;
      clearTimeout(timer);
    },
  };
}

/** The resident set size of a process, in bytes, from /proc (Linux); null when it cannot be read. */
export function residentBytes(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` until stopped: the first sample, the peak and how many were taken. */
export class RssSampler {
  private readonly timer: NodeJS.Timeout;
  private peak = 0;
  private samples = 0;

  constructor(
    private readonly pid: number,
    everyMs = 50,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  private sample(): void {
    const rss = residentBytes(this.pid);
    if (rss === null) return;
    this.samples += 1;
    this.peak = Math.max(this.peak, rss);
  }

  stop(): { peak: number; samples: number } {
    clearInterval(this.timer);
    this.sample();
    return { peak: this.peak, samples: this.samples };
  }
}

/** The RSS of a process at rest: the median of samples over `ms`. */
export async function restingRss(pid: number, ms = 600): Promise<number> {
  const samples: number[] = [];
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const rss = residentBytes(pid);
    if (rss !== null) samples.push(rss);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}
