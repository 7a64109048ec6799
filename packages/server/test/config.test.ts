import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamodbCredentials, LOCAL_DYNAMODB_CREDENTIALS, openDatastore } from '../src/composition-root';
import { backupKeyFromEnv, ConfigError, describeStore, loadConfig } from '../src/config';
import { BackupKey } from '../src/transfer';
import { readOrCreateDemoSecret } from '../src/demo-secret';

const cwd = resolve('/srv/docket');
const SECRET = 's'.repeat(32);

function problemsOf(env: Record<string, string>, options: { demo?: boolean; requireSecret?: boolean } = {}) {
  try {
    loadConfig(env, { cwd, ...options });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('has defaults for everything but the secret', () => {
    const config = loadConfig({ DOCKET_SECRET: SECRET }, { cwd });
    expect(config).toEqual({
      store: { kind: 'pglite', dataDir: join(cwd, '.docket', 'db') },
      blobs: { kind: 'file', dir: join(cwd, '.docket', 'blobs') },
      smtp: null,
      port: 3000,
      host: '127.0.0.1',
      secret: SECRET,
      demo: false,
      secureCookies: false,
      trustProxy: { kind: 'none' },
      logLevel: 'info',
      maxUploadBytes: 250 * 1024 * 1024,
      validateResponses: false,
      serverTiming: false,
      sessionIdleMinutes: 30,
    });
  });

  it('reads the idle timeout of sessions in whole minutes, from 1 to 720', () => {
    expect(
      loadConfig({ DOCKET_SECRET: SECRET, DOCKET_SESSION_IDLE_MINUTES: '15' }, { cwd }).sessionIdleMinutes,
    ).toBe(15);
    for (const wrong of ['0', '721', '1.5', 'soon']) {
      expect(problemsOf({ DOCKET_SECRET: SECRET, DOCKET_SESSION_IDLE_MINUTES: wrong })).toEqual([
        'DOCKET_SESSION_IDLE_MINUTES: must be a whole number of minutes from 1 to 720',
      ]);
    }
  });

  it('turns Server-Timing on only when asked, with a flag', () => {
    expect(loadConfig({ DOCKET_SECRET: SECRET, DOCKET_SERVER_TIMING: '1' }, { cwd }).serverTiming).toBe(true);
    expect(loadConfig({ DOCKET_SECRET: SECRET, DOCKET_SERVER_TIMING: '0' }, { cwd }).serverTiming).toBe(
      false,
    );
    expect(problemsOf({ DOCKET_SECRET: SECRET, DOCKET_SERVER_TIMING: 'on' })).toEqual([
      'DOCKET_SERVER_TIMING: must be 1 or 0',
    ]);
  });

  it('checks responses only when asked', () => {
    expect(
      loadConfig({ DOCKET_SECRET: SECRET, DOCKET_VALIDATE_RESPONSES: '1' }, { cwd }).validateResponses,
    ).toBe(true);
    expect(problemsOf({ DOCKET_SECRET: SECRET, DOCKET_VALIDATE_RESPONSES: 'maybe' })).toEqual([
      'DOCKET_VALIDATE_RESPONSES: must be 1 or 0',
    ]);
  });

  it('reads the backup key strictly for backup and restore, and never echoes a wrong one', () => {
    const key = randomBytes(32).toString('base64');
    expect(backupKeyFromEnv({ DOCKET_BACKUP_KEY: key })).toBeInstanceOf(BackupKey);
    expect(backupKeyFromEnv({ DOCKET_BACKUP_KEY: '' })).toBeNull();
    expect(backupKeyFromEnv({})).toBeNull();
    for (const bad of [key.slice(1), randomBytes(32).toString('hex'), `${key} `, 'hunter2']) {
      let problems: string[] = [];
      try {
        backupKeyFromEnv({ DOCKET_BACKUP_KEY: bad });
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        problems = error.problems;
      }
      expect(problems, bad).toEqual([
        expect.stringMatching(
          /^DOCKET_BACKUP_KEY: must be 32 random bytes in base64, 44 characters ending in =/,
        ),
      ]);
      expect(problems.join('\n')).not.toContain(bad.trim());
    }
  });

  it('leaves the backup key out of the configuration of the server: a wrong one does not stop it', () => {
    for (const value of ['hunter2', randomBytes(32).toString('base64')]) {
      const config = loadConfig({ DOCKET_SECRET: SECRET, DOCKET_BACKUP_KEY: value }, { cwd });
      expect(config).toEqual(loadConfig({ DOCKET_SECRET: SECRET }, { cwd }));
      expect(JSON.stringify(config)).not.toContain(value);
    }
  });

  it('reads the upload limit as a whole number of bytes', () => {
    expect(
      loadConfig({ DOCKET_SECRET: SECRET, DOCKET_MAX_UPLOAD_BYTES: '1048576' }, { cwd }).maxUploadBytes,
    ).toBe(1048576);
    for (const bad of ['0', '-1', '1.5', '250MB', '99999999999999999']) {
      expect(problemsOf({ DOCKET_SECRET: SECRET, DOCKET_MAX_UPLOAD_BYTES: bad }), bad).toEqual([
        expect.stringMatching(/^DOCKET_MAX_UPLOAD_BYTES: must be a whole number of bytes/),
      ]);
    }
  });

  it('reads every supported form', () => {
    const config = loadConfig(
      {
        DOCKET_STORE: 'postgresql://docket:pw@db.internal:5432/docket',
        DOCKET_BLOBS:
          's3://docket-documents?region=us-east-1&endpoint=http://127.0.0.1:4569&forcePathStyle=true',
        DOCKET_SMTP: 'smtps://mail.example.gov',
        PORT: '8080',
        HOST: '0.0.0.0',
        DOCKET_SECRET: SECRET,
        DOCKET_SECURE_COOKIES: '1',
        DOCKET_TRUST_PROXY: '1',
        DOCKET_LOG_LEVEL: 'warn',
      },
      { cwd },
    );
    expect(config.store).toEqual({ kind: 'postgres', url: 'postgresql://docket:pw@db.internal:5432/docket' });
    expect(describeStore(config.store)).toBe('PostgreSQL at db.internal:5432/docket');
    expect(config.blobs).toEqual({
      kind: 's3',
      bucket: 'docket-documents',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4569',
      forcePathStyle: true,
      downloads: 'server',
    });
    expect(config.smtp).toEqual({
      url: 'smtps://mail.example.gov',
      secure: true,
      host: 'mail.example.gov',
      port: 465,
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      secureCookies: true,
      trustProxy: { kind: 'hops', hops: 1 },
      logLevel: 'warn',
    });
    expect(loadConfig({ DOCKET_STORE: 'pglite:memory', DOCKET_SECRET: SECRET }, { cwd }).store).toEqual({
      kind: 'pglite',
      dataDir: null,
    });
    expect(
      loadConfig(
        {
          DOCKET_STORE: 'dynamodb://Docket_Main?region=us-east-1&endpoint=http://127.0.0.1:8000',
          DOCKET_SECRET: SECRET,
        },
        { cwd },
      ).store,
    ).toEqual({
      kind: 'dynamodb',
      table: 'Docket_Main',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:8000',
    });
  });

  it('reads which proxies to trust: none, a number of hops, or their addresses', () => {
    const trustOf = (DOCKET_TRUST_PROXY: string) =>
      loadConfig({ DOCKET_TRUST_PROXY, DOCKET_SECRET: SECRET }, { cwd }).trustProxy;
    expect(loadConfig({ DOCKET_SECRET: SECRET }, { cwd }).trustProxy).toEqual({ kind: 'none' });
    expect(trustOf('0')).toEqual({ kind: 'none' });
    expect(trustOf('false')).toEqual({ kind: 'none' });
    expect(trustOf('1')).toEqual({ kind: 'hops', hops: 1 });
    expect(trustOf('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(trustOf('10.0.0.0/8,192.168.1.5')).toEqual({
      kind: 'proxies',
      proxies: ['10.0.0.0/8', '192.168.1.5'],
    });
    expect(trustOf(' 10.1.2.3 , fd00::/8 ,loopback, ::ffff:10.0.0.1')).toEqual({
      kind: 'proxies',
      proxies: ['10.1.2.3', 'fd00::/8', 'loopback', '::ffff:10.0.0.1'],
    });
  });

  it('stops on a proxy setting it cannot read, saying what it accepts and what is wrong', () => {
    const problemOf = (DOCKET_TRUST_PROXY: string) =>
      problemsOf({ DOCKET_TRUST_PROXY, DOCKET_SECRET: SECRET });
    const accepted =
      'DOCKET_TRUST_PROXY: must be 0, a number of proxies in front of Docket (1 to 10), or a comma-separated ' +
      'list of their addresses or CIDR ranges such as 10.0.0.0/8,192.168.1.5';
    expect(problemOf('11')).toEqual([accepted]);
    expect(problemOf('true')).toEqual([
      `${accepted}; "true" does not say how many proxies to trust (1 means one load balancer)`,
    ]);
    expect(problemOf('lb.internal')).toEqual([
      `${accepted}; "lb.internal" is not an IP address or CIDR range`,
    ]);
    expect(problemOf('10.0.0.0/33')).toEqual([
      `${accepted}; "10.0.0.0/33" has a prefix length that is not 1 to 32`,
    ]);
    expect(problemOf('10.0.0.0/0')).toEqual([
      `${accepted}; "10.0.0.0/0" has a prefix length that is not 1 to 32`,
    ]);
    expect(problemOf('fd00::/129')).toEqual([
      `${accepted}; "fd00::/129" has a prefix length that is not 1 to 128`,
    ]);
    expect(problemOf('10.0.0.1,,10.0.0.2')).toEqual([`${accepted}; the list has an empty entry`]);
    expect(problemOf('10.1')).toEqual([`${accepted}; "10.1" is not an IP address or CIDR range`]);
    expect(problemOf('-1')).toEqual([`${accepted}; "-1" is not an IP address or CIDR range`]);
  });

  it('names every bad variable on its own line, without echoing secrets', () => {
    const problems = problemsOf({
      DOCKET_STORE: 'mysql://root:hunter2@db/docket',
      DOCKET_BLOBS: 'ftp://files',
      DOCKET_SMTP: 'http://mail',
      PORT: '70000',
      DOCKET_SECRET: 'hunter2',
      DOCKET_DEMO: 'maybe',
      DOCKET_LOG_LEVEL: 'loud',
    });
    expect(problems).toEqual([
      'DOCKET_STORE: must be one of pglite:<dir>, pglite:memory, postgres://… or dynamodb://<table>?region=…',
      'DOCKET_BLOBS: must be file:<dir> or s3://<bucket>?region=…',
      'DOCKET_SMTP: must be an smtp://host:port or smtps://host:port URL',
      'PORT: must be a port number from 0 to 65535',
      'DOCKET_SECRET: must be at least 32 characters (it signs session cookies)',
      'DOCKET_DEMO: must be 1 or 0',
      'DOCKET_LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('requires the secret outside demo mode only', () => {
    expect(problemsOf({})).toEqual([expect.stringMatching(/^DOCKET_SECRET: is required outside demo mode/)]);
    expect(problemsOf({ DOCKET_DEMO: '1' })).toEqual([]);
    expect(problemsOf({}, { demo: true })).toEqual([]);
    expect(problemsOf({}, { requireSecret: false })).toEqual([]);
    expect(loadConfig({ DOCKET_SECRET: '' }, { cwd, demo: true }).secret).toBeNull();
  });

  it('checks the shape of each datastore URL', () => {
    expect(problemsOf({ DOCKET_SECRET: SECRET, DOCKET_STORE: 'pglite:' })).toEqual([
      'DOCKET_STORE: names no folder (pglite:<dir>)',
    ]);
    expect(problemsOf({ DOCKET_SECRET: SECRET, DOCKET_STORE: 'postgres://db.internal' })[0]).toMatch(
      /names no database/,
    );
    const socket = 'postgres://postgres@/docket?host=/var/run/postgresql';
    expect(loadConfig({ DOCKET_SECRET: SECRET, DOCKET_STORE: socket }, { cwd }).store).toEqual({
      kind: 'postgres',
      url: socket,
    });
    expect(problemsOf({ DOCKET_SECRET: SECRET, DOCKET_STORE: 'postgres://postgres@/?host=/tmp' })[0]).toMatch(
      /names no database/,
    );
    expect(problemsOf({ DOCKET_SECRET: SECRET, DOCKET_STORE: 'dynamodb://t' })[0]).toMatch(
      /no valid DynamoDB table/,
    );
    expect(problemsOf({ DOCKET_SECRET: SECRET, DOCKET_STORE: 'dynamodb://docket' })[0]).toMatch(
      /needs \?region=/,
    );
    expect(
      problemsOf({ DOCKET_SECRET: SECRET, DOCKET_STORE: 'dynamodb://docket?region=us-east-1&table=x' })[0],
    ).toMatch(/unknown option table/);
    expect(problemsOf({ DOCKET_SECRET: SECRET, DOCKET_BLOBS: 's3://Bad_Bucket' })[0]).toMatch(
      /no valid S3 bucket/,
    );
    expect(problemsOf({ DOCKET_SECRET: SECRET, DOCKET_BLOBS: 's3://docs?downloads=direct' })).toEqual([
      'DOCKET_BLOBS: has downloads that is neither server nor presigned',
    ]);
  });

  it('serves S3 documents through the server unless told to hand out presigned links', () => {
    const blobsOf = (DOCKET_BLOBS: string) =>
      loadConfig({ DOCKET_BLOBS, DOCKET_SECRET: SECRET }, { cwd }).blobs;
    expect(blobsOf('s3://docket-documents')).toMatchObject({ kind: 's3', downloads: 'server' });
    expect(blobsOf('s3://docket-documents?region=us-gov-west-1&downloads=presigned')).toMatchObject({
      kind: 's3',
      region: 'us-gov-west-1',
      downloads: 'presigned',
    });
  });

  it('addresses an S3 bucket path-style with an endpoint, virtual-hosted without, unless forcePathStyle says', () => {
    const pathStyleOf = (DOCKET_BLOBS: string) => {
      const blobs = loadConfig({ DOCKET_BLOBS, DOCKET_SECRET: SECRET }, { cwd }).blobs;
      return blobs.kind === 's3' ? blobs.forcePathStyle : null;
    };
    const local = 's3://docket-documents?endpoint=http://127.0.0.1:4569';
    expect(pathStyleOf(local)).toBe(true);
    expect(pathStyleOf(`${local}&forcePathStyle=false`)).toBe(false);
    expect(pathStyleOf('s3://docket-documents?region=us-east-1')).toBe(false);
    expect(pathStyleOf('s3://docket-documents?region=us-east-1&forcePathStyle=true')).toBe(true);
    expect(problemsOf({ DOCKET_SECRET: SECRET, DOCKET_BLOBS: `${local}&forcePathStyle=yes` })).toEqual([
      'DOCKET_BLOBS: has forcePathStyle that is neither true nor false',
    ]);
  });

  it('opens a DynamoDB datastore without sending anything until it is used', async () => {
    const datastore = await openDatastore({
      kind: 'dynamodb',
      table: 'docket',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
    });
    expect(datastore.kind).toBe('dynamodb');
    await datastore.close();
  });

  it('signs for a local DynamoDB with local credentials only when the environment names none', () => {
    const local = 'http://127.0.0.1:8000';
    expect(dynamodbCredentials(local, {})).toEqual(LOCAL_DYNAMODB_CREDENTIALS);
    expect(dynamodbCredentials('http://dynamodb-local:8000', {})).toEqual(LOCAL_DYNAMODB_CREDENTIALS);
    expect(dynamodbCredentials(local, { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE' })).toBeUndefined();
    expect(dynamodbCredentials(local, { AWS_PROFILE: 'dev' })).toBeUndefined();
    // AWS itself, or no endpoint: always the SDK's default chain.
    expect(dynamodbCredentials(null, {})).toBeUndefined();
    expect(dynamodbCredentials('https://dynamodb.us-east-1.amazonaws.com', {})).toBeUndefined();
  });
});

describe('the demo secret', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'docket-secret-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is generated once, kept with mode 0600, and read back', async () => {
    const first = await readOrCreateDemoSecret(join(dir, '.docket'));
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = join(dir, '.docket', 'secret');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readOrCreateDemoSecret(join(dir, '.docket'))).toBe(first);
    expect((await readFile(file, 'utf8')).trim()).toBe(first);
  });

  it('refuses a file that holds no usable secret', async () => {
    const other = join(dir, 'short');
    await readOrCreateDemoSecret(other);
    await writeFile(join(other, 'secret'), 'short\n');
    await expect(readOrCreateDemoSecret(other)).rejects.toThrow(/no usable secret/);
  });
});
