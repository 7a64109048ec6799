import { resolve } from 'node:path';
import { z } from 'zod';

/*
 * `DOCKET_STORE` (and the command line's datastore options, which take the same syntax): where the datastore
 * lives. Parsing only; the composition root opens it.
 */

/** Where the datastore lives, as `DOCKET_STORE` names it. */
export type StoreLocator =
  | { kind: 'pglite'; dataDir: string | null }
  | { kind: 'postgres'; url: string }
  | { kind: 'dynamodb'; table: string; region: string; endpoint: string | null };

export const DEFAULT_STORE = 'pglite:./.docket/db';

const STORE_FORMS = 'pglite:<dir>, pglite:memory, postgres://… or dynamodb://<table>?region=…';
const DYNAMODB_TABLE = /^[A-Za-z0-9_.-]{3,255}$/;

function parsePostgres(raw: string): StoreLocator | string {
  // A server reached by its Unix socket names no host but the socket folder: postgres://user@/db?host=/var/run/…
  const socket = /[?&]host=\//.test(raw);
  const probe = socket ? raw.replace(/^(postgres(?:ql)?:\/\/(?:[^@/]*@)?)\//, '$1socket/') : raw;
  let url: URL;
  try {
    url = new URL(probe);
  } catch {
    return 'is not a valid PostgreSQL URL (postgres://user:password@host:5432/database)';
  }
  if (!url.hostname) return 'names no host (postgres://user:password@host:5432/database)';
  if (url.pathname.length <= 1) return 'names no database (postgres://user:password@host:5432/database)';
  return { kind: 'postgres', url: raw };
}

function parseDynamodb(raw: string): StoreLocator | string {
  const rest = raw.slice('dynamodb://'.length);
  const [table = '', query = ''] = rest.split('?', 2);
  if (!DYNAMODB_TABLE.test(table)) {
    return 'names no valid DynamoDB table (3 to 255 of A-Z a-z 0-9 _ . -): dynamodb://<table>?region=…';
  }
  const params = new URLSearchParams(query);
  const unknown = [...params.keys()].filter((k) => k !== 'region' && k !== 'endpoint');
  if (unknown.length > 0) return `has unknown option ${unknown.join(', ')} (allowed: region, endpoint)`;
  const region = params.get('region');
  if (!region || !/^[a-z0-9-]{1,50}$/.test(region)) return 'needs ?region=<aws region>, such as us-east-1';
  const endpoint = params.get('endpoint');
  if (endpoint !== null && !/^https?:\/\/[^\s/]+/.test(endpoint)) {
    return 'has an endpoint that is not an http(s) URL';
  }
  return { kind: 'dynamodb', table, region, endpoint };
}

/** Parses `DOCKET_STORE`; relative PGlite folders are resolved against `cwd`. */
export function storeLocatorSchema(cwd: string): z.ZodType<StoreLocator, string> {
  return z.string().transform((raw, ctx): StoreLocator => {
    let result: StoreLocator | string;
    if (raw === 'pglite:memory') result = { kind: 'pglite', dataDir: null };
    else if (raw.startsWith('pglite:')) {
      const dir = raw.slice('pglite:'.length);
      result = dir.trim() ? { kind: 'pglite', dataDir: resolve(cwd, dir) } : 'names no folder (pglite:<dir>)';
    } else if (raw.startsWith('postgres://') || raw.startsWith('postgresql://')) result = parsePostgres(raw);
    else if (raw.startsWith('dynamodb://')) result = parseDynamodb(raw);
    else result = `must be one of ${STORE_FORMS}`;
    if (typeof result === 'string') {
      ctx.addIssue({ code: 'custom', message: result });
      return z.NEVER;
    }
    return result;
  });
}

/** A description of the datastore for people and logs, without credentials. */
export function describeStore(locator: StoreLocator): string {
  switch (locator.kind) {
    case 'pglite':
      return locator.dataDir === null ? 'PGlite in memory' : `PGlite in ${locator.dataDir}`;
    case 'postgres': {
      const url = new URL(locator.url);
      return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
    }
    case 'dynamodb':
      return `DynamoDB table ${locator.table} in ${locator.region}${locator.endpoint ? ` at ${locator.endpoint}` : ''}`;
  }
}
