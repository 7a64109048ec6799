import { DIVISIONS, ROLES, type Division, type Role } from '@docket/domain';
import { Command, Option } from 'commander';
import { loadConfig } from '../config';
import { createUser } from '../use-cases/create-user';
import { UsageError } from './cli-errors';
import { withDatastore } from './datastore-session';
import { progress, promptHidden, readStdin } from './terminal';

interface CreateUserFlags {
  email: string;
  givenName: string;
  familyName: string;
  role: Role;
  state?: string;
  division?: Division;
  assignedStates?: string;
  passwordStdin?: boolean;
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdin();
  const first = await promptHidden('Password (at least 12 characters): ');
  const again = await promptHidden('Password again: ');
  if (first !== again) throw new UsageError('The two passwords differ; nothing was created');
  return first;
}

function stateList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s !== '');
}

async function createUserCommand(flags: CreateUserFlags): Promise<void> {
  const config = loadConfig(process.env, { cwd: process.cwd(), requireSecret: false });
  const password = await readPassword(flags.passwordStdin === true);
  const user = await withDatastore(config, (datastore) =>
    createUser(
      { users: datastore.users },
      {
        email: flags.email,
        givenName: flags.givenName,
        familyName: flags.familyName,
        role: flags.role,
        stateCode: flags.state?.toUpperCase() ?? null,
        division: flags.division ?? null,
        assignedStates: stateList(flags.assignedStates),
      },
      password,
      null,
    ),
  );
  progress('User created');
  const where = user.stateCode ? ` for ${user.stateCode}` : '';
  process.stdout.write(`${user.role} ${user.email}${where} (id ${user.id})\n`);
}

export function usersCommand(): Command {
  const users = new Command('users').description('Manage users');
  users
    .command('create')
    .description('Create a user who logs in with a password (asked on the terminal, or --password-stdin)')
    .requiredOption('--email <email>', 'login email, unique')
    .requiredOption('--given-name <name>', 'given name')
    .requiredOption('--family-name <name>', 'family name')
    .addOption(new Option('--role <role>', 'role').choices(ROLES).makeOptionMandatory())
    .option('--state <code>', 'the state of a STATE_USER, such as MN')
    .addOption(new Option('--division <division>', 'division of a CMS user').choices(DIVISIONS))
    .option('--assigned-states <codes>', 'states a CMS user is assigned to, comma-separated: MN,FL')
    .option('--password-stdin', 'read the password from standard input instead of asking')
    .action((flags: CreateUserFlags) => createUserCommand(flags));
  return users;
}
