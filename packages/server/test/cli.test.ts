import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SessionView } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDynamoDbTable, dynamoDbLocalOfRun } from '@docket/store/testing';
import { openDatastore } from '../src/composition-root';
import { DEMO_PASSWORD } from '../src/use-cases/demo-accounts';

const MAIN = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'docket-cli-'));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

/** The real `docket` command in a child process, in a scratch folder, with only the given configuration. */
function docket(args: string[], env: Record<string, string> = {}, input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', DOCKET_STORE: `pglite:${join(cwd, 'db')}`, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

describe('docket CLI', () => {
  it('refuses a bad configuration with one line per variable and exit code 1', async () => {
    const run = await docket(['serve'], { DOCKET_STORE: 'mysql://root@db/docket', PORT: 'eighty' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('docket: Invalid configuration:');
    expect(run.stderr).toContain('  DOCKET_STORE: must be one of pglite:<dir>');
    expect(run.stderr).toContain('  PORT: must be a port number from 0 to 65535');
    expect(run.stderr).toContain('  DOCKET_SECRET: is required outside demo mode');
  });

  it('migrates a fresh datastore', async () => {
    const migrated = await docket(['migrate']);
    expect(migrated.stderr).toContain('Schema is up to date');
    expect(migrated.code).toBe(0);
  });

  it('seeds the reference data idempotently, printing counts', async () => {
    const first = await docket(['seed']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/Importing 56 states/);
    expect(first.stdout).toMatch(/^56 states; (\d+) programs \(\1 new, 0 updated\)\n$/);
    const again = await docket(['seed']);
    expect(again.stdout).toMatch(/^56 states; \d+ programs \(0 new, 0 updated\)\n$/);
  });

  const annArgs = ['users', 'create', '--email', 'Ann@MN.gov', '--given-name', 'Ann', '--family-name', 'Lee'];

  it('creates a user with a password from stdin, once', async () => {
    const created = await docket(
      [...annArgs, '--role', 'STATE_USER', '--state', 'mn', '--password-stdin'],
      {},
      'a long enough password\n',
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^STATE_USER ann@mn\.gov for MN \(id [0-9a-f-]{36}\)\n$/);

    const taken = await docket(
      [...annArgs, '--role', 'STATE_USER', '--state', 'MN', '--password-stdin'],
      {},
      'a long enough password',
    );
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/already exists/);
  });

  it('refuses an invalid user, naming every field at fault', async () => {
    const base = ['users', 'create', '--email', 'x@y.gov', '--given-name', 'X', '--family-name', 'Y'];
    const invalid = await docket([...base, '--role', 'STATE_USER', '--password-stdin'], {}, 'short');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('The user is not valid');
    expect(invalid.stderr).toContain('  stateCode: A state user needs a state');
    expect(invalid.stderr).toContain('  password: Passwords have at least 12 characters');

    const badRole = await docket([...base, '--role', 'KING']);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/Allowed choices are STATE_USER, CMS_USER/);

    const noTerminal = await docket([...base, '--role', 'ADMIN']);
    expect(noTerminal.code).toBe(1);
    expect(noTerminal.stderr).toMatch(
      /No terminal to ask for the password on: pass it with --password-stdin/,
    );
  });

  it('runs the demo: seeds, creates demo users, serves, prints the logins and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', TSX, MAIN, 'demo'], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        DOCKET_STORE: 'pglite:memory',
        PORT: '0',
        DOCKET_LOG_LEVEL: 'warn',
        // Only backup and restore read it: a wrong one does not stop the server.
        DOCKET_BACKUP_KEY: 'not a backup key',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const found = stdout.match(/Docket demo is running at (http:\/\/127\.0\.0\.1:\d+)/);
          if (found?.[1] && stdout.includes('password')) resolve(found[1]);
        });
        child.on('close', () => reject(new Error(`demo exited early: ${stderr}`)));
      });
      expect(stdout).toContain(`Every demo account's password: ${DEMO_PASSWORD}`);
      for (const role of ['STATE_USER', 'CMS_USER', 'CMS_APPROVER', 'ADMIN', 'HELPDESK', 'READONLY']) {
        expect(stdout).toContain(role);
      }
      expect(stdout).toContain('state.mn@demo.docket.invalid');
      expect(stdout).toContain('state.fl@demo.docket.invalid');
      expect(stderr).toMatch(/Demo users: 7 created/);

      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'cms.reviewer@demo.docket.invalid', password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);
      expect(((await login.json()) as SessionView).user).toMatchObject({
        role: 'CMS_USER',
        division: 'DMCO',
        assignedStates: ['MN', 'FL'],
      });
      expect((await stat(join(cwd, '.docket', 'secret'))).mode & 0o777).toBe(0o600);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain('Stopped');
  });
});

const dynamodb = dynamoDbLocalOfRun();
const requireAll = process.env.DOCKET_TEST_REQUIRE_ALL === '1';
if (dynamodb.endpoint === null && !requireAll) {
  console.warn(`SKIPPED: docket CLI on DynamoDB Local — ${dynamodb.unavailable}`);
}

describe.skipIf(dynamodb.endpoint === null && !requireAll)('docket CLI on DynamoDB Local', () => {
  it('migrates a new table idempotently and seeds it, with local credentials and no AWS configuration', async () => {
    if (dynamodb.endpoint === null) {
      throw new Error(
        `DOCKET_TEST_REQUIRE_ALL=1 but DynamoDB Local is not available: ${dynamodb.unavailable}`,
      );
    }
    const table = `docket-cli-${Date.now().toString(36)}`;
    const store = `dynamodb://${table}?region=us-east-1&endpoint=${dynamodb.endpoint}`;

    for (const attempt of ['creates', 'finds']) {
      const migrated = await docket(['migrate'], { DOCKET_STORE: store });
      expect(migrated.code, `${attempt}: ${migrated.stderr}`).toBe(0);
      expect(migrated.stderr).toContain(
        `Opening DynamoDB table ${table} in us-east-1 at ${dynamodb.endpoint}`,
      );
      expect(migrated.stderr).toContain('Schema is up to date');
    }
    const seeded = await docket(['seed'], { DOCKET_STORE: store });
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toMatch(/^56 states; (\d+) programs \(\1 new, 0 updated\)\n$/);

    const datastore = await openDatastore({
      kind: 'dynamodb',
      table,
      region: 'us-east-1',
      endpoint: dynamodb.endpoint,
    });
    try {
      expect(await datastore.transfer.count('states')).toBe(56);
    } finally {
      await datastore.close();
      await dropDynamoDbTable(dynamodb.endpoint, table);
    }
  });
});
