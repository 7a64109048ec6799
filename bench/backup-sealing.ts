import { createHash, randomFillSync } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BackupKey } from '../packages/server/src/transfer';
import { BLOB_ROLE } from '../packages/server/src/transfer/entry-codec';
import { SealedEntries } from '../packages/server/src/transfer/entry-sealing';
import { RssSampler, restingRss } from './docket-server';

/**
 * The encryption leg of `npm run bench -- --only backup`: one large document's bytes sealed as a backup seals a
 * blob, then opened again and checked by SHA-256, each streamed file to file, against a plain streamed copy of
 * the same file on the same disk. This process's resident memory is sampled during each, to show it stays flat
 * whatever the size. Timings are printed, never asserted.
 */

const MB = 1_000_000;
const CHUNK = 4 * 1024 * 1024;

interface Leg {
  name: string;
  bytes: number;
  ms: number;
  growth: number;
}

async function writeRandomFile(path: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(path, 'wx');
  try {
    const chunk = Buffer.alloc(CHUNK);
    for (let written = 0; written < size;) {
      const part = chunk.subarray(0, Math.min(CHUNK, size - written));
      randomFillSync(part);
      await handle.write(part);
      hash.update(part);
      written += part.length;
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/** Runs `work`, timing it and sampling this process's memory above its resting size. */
async function leg(name: string, bytes: number, work: () => Promise<void>): Promise<Leg> {
  const resting = await restingRss(process.pid, 300);
  const sampler = new RssSampler(process.pid);
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  const { peak } = sampler.stop();
  return { name, bytes, ms, growth: Math.max(0, peak - resting) };
}

export async function runSealingBench(options: { sizeMb: number; log: (message: string) => void }) {
  const size = Math.round(options.sizeMb * MB);
  const folder = await mkdtemp(join(tmpdir(), 'docket-bench-sealing-'));
  try {
    const plain = join(folder, 'document.pdf');
    options.log(`Writing a ${options.sizeMb} MB document to ${plain}…`);
    const sha256 = await writeRandomFile(plain, size);
    const { entries } = SealedEntries.create(BackupKey.generate());
    const sealed = join(folder, 'document.sealed');

    const legs: Leg[] = [];
    options.log('Copying it (the anchor), sealing it, opening it…');
    legs.push(
      await leg('plain streamed copy (the anchor)', size, () =>
        pipeline(createReadStream(plain), createWriteStream(join(folder, 'copy.pdf'))),
      ),
    );
    legs.push(
      await leg('seal (AES-256-GCM, 64 KiB chunks)', size, () =>
        pipeline(
          createReadStream(plain),
          (bytes: AsyncIterable<Buffer>) => entries.encode(BLOB_ROLE, bytes),
          createWriteStream(sealed),
        ),
      ),
    );
    const opened = createHash('sha256');
    legs.push(
      await leg('open and check its SHA-256', size, () =>
        pipeline(
          createReadStream(sealed),
          (bytes: AsyncIterable<Buffer>) => entries.decode(BLOB_ROLE, bytes, sealed),
          new Writable({
            write(chunk: Buffer, _encoding, done) {
              opened.update(chunk);
              done();
            },
          }),
        ),
      ),
    );
    if (opened.digest('hex') !== sha256) throw new Error('the opened document is not the one sealed');
    const overhead = (await stat(sealed)).size - size;

    const anchor = legs[0];
    const rows = legs.map((l) => [
      l.name,
      `${(l.bytes / MB).toFixed(0)} MB`,
      (l.ms / 1000).toFixed(2),
      `${(l.bytes / MB / (l.ms / 1000)).toFixed(0)} MB/s`,
      anchor ? (anchor.ms / l.ms).toPrecision(3) : '',
      `${(l.growth / MB).toFixed(1)} MB`,
    ]);
    const header = ['leg', 'size', 'seconds', 'throughput', 'ratio to anchor', 'memory growth'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd();
    return (
      `Backup encryption of one ${options.sizeMb} MB document (sealed size + ${overhead} bytes)\n\n` +
      `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
