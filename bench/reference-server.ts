import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';

/**
 * The reference of the API leg: what a minimal, purpose-built API over the same data costs. Plain `node:http` and
 * a `pg` pool over one table of filings (bench/reference-data.ts makes and fills it), with endpoints that mirror
 * Docket's: read one filing, list 25 of a state with a keyset cursor (a small projection, not the form), save a
 * draft with a version check and an audit row, create a filing with the state's next number and an audit row.
 * JSON parsed and stringified, no framework, no authentication, no validation beyond what keeps it honest.
 *
 * Each answer says how many SQL statements it ran, as Docket does with `DOCKET_SERVER_TIMING=1`:
 * `Server-Timing: db;desc="2 statements";dur=<ms in the database>` (BEGIN and COMMIT not counted).
 *
 * Run as a child process: `REFERENCE_DATABASE_URL=postgres://… PORT=0 node --import tsx bench/reference-server.ts`;
 * it prints `Reference listening at http://127.0.0.1:<port>` and stops on SIGTERM.
 */

const POOL_SIZE = 10; // as Docket's pg pool
const PAGE = 25;

const url = process.env.REFERENCE_DATABASE_URL;
if (!url) throw new Error('REFERENCE_DATABASE_URL is not set');
const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
pool.on('error', () => {});

/** Counts the statements of one request and the time they took. */
class Statements {
  count = 0;
  ms = 0;

  async run<R extends pg.QueryResultRow>(
    client: pg.Pool | pg.PoolClient,
    text: string,
    values: unknown[] = [],
  ): Promise<pg.QueryResult<R>> {
    const started = performance.now();
    try {
      return await client.query<R>(text, values);
    } finally {
      this.ms += performance.now() - started;
      this.count += 1;
    }
  }

  header(): string {
    return `db;desc="${this.count} statements";dur=${this.ms.toFixed(2)}`;
  }
}

interface FilingRow {
  id: string;
  state_code: string;
  state_number: number;
  version: number;
  form?: unknown;
  created_at: Date;
  updated_at: Date;
}

function present(row: FilingRow) {
  return {
    id: row.id,
    stateCode: row.state_code,
    stateNumber: row.state_number,
    version: row.version,
    ...(row.form === undefined ? {} : { form: row.form }),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function reply(res: ServerResponse, status: number, body: unknown, statements: Statements): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': status < 400 ? 'application/json' : 'application/problem+json',
    'content-length': Buffer.byteLength(text),
    'server-timing': statements.header(),
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString()));
    req.on('error', reject);
  });
}

/** Runs `work` in a transaction on one pooled connection. */
async function transaction<T>(
  statements: Statements,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = { type: 'about:blank', title: 'Not found', status: 404 };

async function handle(req: IncomingMessage, res: ServerResponse, statements: Statements): Promise<void> {
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://reference');
  const parts = pathname.split('/').filter(Boolean);

  // GET /filings/:id
  if (req.method === 'GET' && parts.length === 2 && parts[0] === 'filings') {
    const id = parts[1] ?? '';
    if (!UUID.test(id)) return reply(res, 404, notFound, statements);
    const { rows } = await statements.run<FilingRow>(pool, 'SELECT * FROM filings WHERE id = $1', [id]);
    const row = rows[0];
    return row ? reply(res, 200, present(row), statements) : reply(res, 404, notFound, statements);
  }

  // GET /states/:code/filings?cursor=<state number>
  if (req.method === 'GET' && parts.length === 3 && parts[0] === 'states' && parts[2] === 'filings') {
    const cursor = searchParams.get('cursor');
    const before = cursor === null ? 2 ** 31 - 1 : Number(cursor);
    if (!Number.isInteger(before)) return reply(res, 400, { title: 'Bad cursor', status: 400 }, statements);
    const { rows } = await statements.run<FilingRow>(
      pool,
      'SELECT id, state_code, state_number, version, created_at, updated_at FROM filings ' +
        'WHERE state_code = $1 AND state_number < $2 ORDER BY state_number DESC LIMIT $3',
      [parts[1], before, PAGE + 1],
    );
    // The row after the page, when there is one, says that another page follows.
    const items = rows.slice(0, PAGE);
    const last = items.at(-1);
    return reply(
      res,
      200,
      {
        items: items.map(present),
        nextCursor: rows.length > PAGE && last ? String(last.state_number) : null,
      },
      statements,
    );
  }

  // PUT /filings/:id/draft {version, form}
  if (req.method === 'PUT' && parts.length === 3 && parts[0] === 'filings' && parts[2] === 'draft') {
    const id = parts[1] ?? '';
    const body = JSON.parse(await readBody(req)) as { version?: unknown; form?: unknown };
    if (!UUID.test(id) || typeof body.version !== 'number' || typeof body.form !== 'object') {
      return reply(res, 400, { title: 'Bad request', status: 400 }, statements);
    }
    const saved = await transaction(statements, async (client) => {
      const { rows } = await statements.run<FilingRow>(
        client,
        'UPDATE filings SET form = $3, version = version + 1, updated_at = now() ' +
          'WHERE id = $1 AND version = $2 RETURNING *',
        [id, body.version, JSON.stringify(body.form)],
      );
      const row = rows[0];
      if (!row) return null;
      await statements.run(
        client,
        'INSERT INTO filing_events (id, filing_id, action, at, details) VALUES ($1, $2, $3, now(), $4)',
        [randomUUID(), id, 'SAVE_DRAFT', JSON.stringify({ version: row.version })],
      );
      return row;
    });
    if (!saved) return reply(res, 409, { title: 'Version conflict', status: 409 }, statements);
    return reply(res, 200, present(saved), statements);
  }

  // POST /states/:code/filings {form}
  if (req.method === 'POST' && parts.length === 3 && parts[0] === 'states' && parts[2] === 'filings') {
    const body = JSON.parse(await readBody(req)) as { form?: unknown };
    if (typeof body.form !== 'object')
      return reply(res, 400, { title: 'Bad request', status: 400 }, statements);
    const created = await transaction(statements, async (client) => {
      const counter = await statements.run<{ last_number: number }>(
        client,
        'UPDATE state_counters SET last_number = last_number + 1 WHERE state_code = $1 RETURNING last_number',
        [parts[1]],
      );
      const number = counter.rows[0]?.last_number;
      if (number === undefined) return null;
      const id = randomUUID();
      const { rows } = await statements.run<FilingRow>(
        client,
        'INSERT INTO filings (id, state_code, state_number, version, form, created_at, updated_at) ' +
          'VALUES ($1, $2, $3, 1, $4, now(), now()) RETURNING *',
        [id, parts[1], number, JSON.stringify(body.form)],
      );
      await statements.run(
        client,
        'INSERT INTO filing_events (id, filing_id, action, at, details) VALUES ($1, $2, $3, now(), $4)',
        [randomUUID(), id, 'CREATE', '{}'],
      );
      return rows[0] ?? null;
    });
    if (!created) return reply(res, 404, notFound, statements);
    res.setHeader('location', `/filings/${created.id}`);
    return reply(res, 201, present(created), statements);
  }

  return reply(res, 404, notFound, statements);
}

const server = createServer((req, res) => {
  const statements = new Statements();
  handle(req, res, statements).catch((error: unknown) => {
    const status = error instanceof SyntaxError ? 400 : 500;
    if (!res.headersSent) reply(res, status, { title: String(error), status }, statements);
    else res.destroy();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('No address');
  process.stdout.write(`Reference listening at http://127.0.0.1:${address.port}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  server.closeIdleConnections();
  void pool.end();
});
