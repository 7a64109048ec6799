import pg from 'pg';

/**
 * Throwaway databases on a PostgreSQL server, for tests: each test file gets a database of its own, so files run
 * in parallel without seeing each other's rows, and the server is left as it was found.
 */
export async function createTestDatabase(
  adminUrl: string,
  /** The start of the database's name, which ends with a time and a random part. */
  prefix = 'docket_test',
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`;
  await onAdmin(adminUrl, (client) => client.query(`create database "${name}"`));
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      // FORCE ends connections a failed test may have left open (PostgreSQL 13+).
      await onAdmin(adminUrl, (client) => client.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

/**
 * The same server URL naming another database. Done on the text rather than with `URL`, which refuses a URL
 * without a host such as `postgres://postgres@/postgres?host=/var/run/postgresql` (a Unix socket).
 */
export function withDatabase(serverUrl: string, database: string): string {
  const match = /^(postgres(?:ql)?:\/\/[^/?#]*)(\/[^?#]*)?(.*)$/.exec(serverUrl);
  if (!match) throw new Error(`Not a PostgreSQL URL: ${serverUrl}`);
  return `${match[1]}/${encodeURIComponent(database)}${match[3] ?? ''}`;
}

async function onAdmin(adminUrl: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
