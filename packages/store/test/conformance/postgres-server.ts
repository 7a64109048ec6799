import pg from 'pg';

/**
 * Throwaway databases on a PostgreSQL server, for tests: each test file gets a database of its own, so files run
 * in parallel without seeing each other's rows, and the server is left as it was found.
 */
export async function createTestDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `docket_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`;
  await onAdmin(adminUrl, (client) => client.query(`create database "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      // FORCE ends connections a failed test may have left open (PostgreSQL 13+).
      await onAdmin(adminUrl, (client) => client.query(`drop database if exists "${name}" with (force)`));
    },
  };
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
