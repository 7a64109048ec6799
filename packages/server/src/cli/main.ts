import { Command } from 'commander';
import { loadConfig } from '../config';
import { tightenDocketFolder } from '../private-files';
import { backupCommand } from './backup-command';
import { copyCommand } from './copy-command';
import { migrateWithProgress, openConfiguredDatastore, withDatastore } from './datastore-session';
import { demoCommand } from './demo-command';
import { gcCommand } from './gc-command';
import { describeFailure } from './report-error';
import { restoreCommand } from './restore-command';
import { seedCommand } from './seed-command';
import { startServer } from './serve-command';
import { usersCommand } from './users-command';

/** `docket`: the server's command line. Configuration comes from the environment (see README). */

async function serve(flags: { migrate: boolean }): Promise<void> {
  const cwd = process.cwd();
  const config = loadConfig(process.env, { cwd });
  const datastore = await openConfiguredDatastore(config);
  let url: string;
  try {
    if (flags.migrate) await migrateWithProgress(datastore);
    ({ url } = await startServer(config, datastore, cwd));
  } catch (error) {
    await datastore.close();
    throw error;
  }
  process.stdout.write(`Docket is listening on ${url}\n`);
}

async function migrate(): Promise<void> {
  const config = loadConfig(process.env, { cwd: process.cwd(), requireSecret: false });
  await withDatastore(config, migrateWithProgress);
}

const program = new Command('docket')
  .description('Docket: managed-care contract filings between US states and CMS')
  .showHelpAfterError();

program
  .command('serve')
  .description('Serve the API and the built web app')
  .option('--no-migrate', 'do not create or upgrade the schema before serving')
  .action(serve);
program.command('migrate').description('Create or upgrade the database schema').action(migrate);
program.addCommand(seedCommand());
program.addCommand(usersCommand());
program
  .command('demo')
  .description('Run the demo: migrate, seed, create demo users for every role, serve and print the logins')
  .action(demoCommand);
program.addCommand(copyCommand());
program.addCommand(backupCommand());
program.addCommand(restoreCommand());
program.addCommand(gcCommand());

try {
  await tightenDocketFolder(process.cwd());
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`docket: ${describeFailure(error)}\n`);
  process.exitCode = 1;
}
