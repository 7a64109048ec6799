import { Command, InvalidArgumentError, Option } from 'commander';
import { openBlobStore } from '../composition-root';
import { loadConfig } from '../config';
import { generateFilings, realUsers } from '../generate/generate-filings';
import { formatCount, TargetNotEmptyError } from '../transfer';
import { seedReferenceData } from '../use-cases/seed-reference-data';
import { assertReadable } from './store-option';
import { withDatastore } from './datastore-session';
import { progress } from './terminal';

/**
 * `docket seed`: the reference states and programs; with `--generate N`, also N made-up filings in every state,
 * with users, revisions, rates, documents and events (src/generate/), for trying Docket and benchmarking it at
 * scale. Generation refuses a datastore that holds users other than generated or demo ones unless forced.
 */

interface SeedFlags {
  generate?: number;
  force: boolean;
  documents: 'described' | 'stored' | 'none';
  batchSize: number;
  concurrency: number;
}

const DOCUMENTS: Record<SeedFlags['documents'], string> = {
  described: 'documents described, not stored',
  stored: 'documents stored in DOCKET_BLOBS',
  none: 'no documents',
};

function wholeNumber(min: number, max: number) {
  return (raw: string): number => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`must be a whole number from ${min} to ${formatCount(max)}`);
    }
    return n;
  };
}

async function seed(flags: SeedFlags): Promise<void> {
  const config = loadConfig(process.env, { cwd: process.cwd(), requireSecret: false });
  if (flags.generate === undefined) {
    const result = await withDatastore(config, (datastore) => seedReferenceData(datastore.states, progress));
    const { programs } = result;
    process.stdout.write(
      `${result.states} states; ${programs.total} programs (${programs.inserted} new, ${programs.updated} updated)\n`,
    );
    return;
  }
  const filings = flags.generate;
  const blobs = flags.documents === 'stored' ? await openBlobStore(config.blobs) : undefined;
  try {
    await withDatastore(config, async (datastore) => {
      await assertReadable(datastore, 'The datastore');
      if (!flags.force) {
        const real = await realUsers(datastore);
        if (real.length > 0) {
          throw new TargetNotEmptyError(
            `The datastore holds users that were not generated (${real.join(', ')}${real.length >= 5 ? ', …' : ''}): ` +
              'generated filings would be mixed with real ones. Generate into a datastore of its own, or pass ' +
              '--force if that is what you want.',
          );
        }
      }
      progress(
        `Generating ${formatCount(filings)} filings in every state, ${flags.batchSize} a batch, ` +
          `${flags.concurrency} batches at a time, ${DOCUMENTS[flags.documents]}…`,
      );
      const started = performance.now();
      let reported = started;
      const result = await generateFilings(datastore, {
        filings,
        batchSize: flags.batchSize,
        concurrency: flags.concurrency,
        documents: blobs ?? (flags.documents === 'none' ? 'none' : 'described'),
        onProgress: (filed) => {
          const now = performance.now();
          if (now - reported < 2000 && filed < filings) return;
          reported = now;
          const rate = filed / ((now - started) / 1000);
          progress(
            `  ${formatCount(filed)} of ${formatCount(filings)} filings (${formatCount(Math.round(rate))}/s)`,
          );
        },
      });
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(
        `Generated ${formatCount(result.filings)} filings (${formatCount(result.revisions)} revisions, ` +
          `${formatCount(result.rates)} rates and rate revisions, ${formatCount(result.events)} events) and ` +
          `${formatCount(result.users)} users in ${seconds.toFixed(1)} s: ` +
          `${formatCount(Math.round(result.filings / seconds))} filings/s\n`,
      );
    });
  } finally {
    await blobs?.close();
  }
}

export function seedCommand(): Command {
  return new Command('seed')
    .description(
      'Import the reference states and programs (idempotent); with --generate, also generate made-up filings',
    )
    .option(
      '--generate <n>',
      'also write N made-up filings, spread over every state, with users, revisions, rates, documents and events',
      wholeNumber(1, 10_000_000),
    )
    .option(
      '--force',
      'generate even into a datastore that holds users other than generated or demo ones',
      false,
    )
    .addOption(
      new Option(
        '--documents <kind>',
        'described: references only, whose bytes are never stored (downloads answer 404, and `docket backup` ' +
          'refuses the datastore); stored: their bytes in DOCKET_BLOBS; none: filings without documents',
      )
        .choices(['described', 'stored', 'none'])
        .default('described'),
    )
    .option('--batch-size <n>', 'filings written per batch', wholeNumber(1, 5_000), 200)
    .option('--concurrency <n>', 'batches written at a time', wholeNumber(1, 64), 4)
    .action(seed);
}
