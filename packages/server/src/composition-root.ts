import { resolve } from 'node:path';
import type { BlobStore } from '@docket/blobs';
import { createFileBlobStore } from '@docket/blobs/file';
import { createS3BlobStore } from '@docket/blobs/s3';
import type { Datastore } from '@docket/store';
import { createDynamoDatastore } from '@docket/store/dynamodb';
import { createPostgresDatastore } from '@docket/store/postgres';
import { z } from 'zod';
import type { BlobsLocator } from './config';

/**
 * The composition root: the one place that knows which datastores and blob stores exist, reads `DOCKET_STORE` and
 * `DOCKET_BLOBS` and picks the adapters. Everything else receives the `Datastore` and `BlobStore` ports (or just
 * the stores it uses).
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

/** Credentials a local DynamoDB (DynamoDB Local, LocalStack) accepts: it checks only their form. */
export const LOCAL_DYNAMODB_CREDENTIALS = { accessKeyId: 'docketlocal', secretAccessKey: 'docketlocal' };

/** Whether an endpoint is a DynamoDB of one's own rather than AWS's (whose hosts are all under amazonaws.com). */
function isLocalEndpoint(endpoint: string): boolean {
  const host = new URL(endpoint).hostname.toLowerCase();
  return !(
    host.endsWith('.amazonaws.com') ||
    host.endsWith('.amazonaws.com.cn') ||
    host.endsWith('.api.aws')
  );
}

/**
 * The credentials to sign DynamoDB requests with: the AWS SDK's default chain (environment, shared files, SSO,
 * container or instance role), except for a local endpoint when the environment names no credentials — there the
 * chain would end by asking the EC2 instance metadata service, which a developer machine does not have.
 */
export function dynamodbCredentials(
  endpoint: string | null,
  env: NodeJS.ProcessEnv = process.env,
): typeof LOCAL_DYNAMODB_CREDENTIALS | undefined {
  if (endpoint === null || !isLocalEndpoint(endpoint)) return undefined;
  return env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE ? undefined : LOCAL_DYNAMODB_CREDENTIALS;
}

/** Opens the datastore `DOCKET_STORE` names. The caller owns it and must `close()` it. */
export async function openDatastore(locator: StoreLocator): Promise<Datastore> {
  switch (locator.kind) {
    case 'pglite':
      return createPostgresDatastore({ driver: 'pglite', dataDir: locator.dataDir });
    case 'postgres':
      return createPostgresDatastore({ driver: 'pg', url: locator.url });
    case 'dynamodb':
      return createDynamoDatastore({
        table: locator.table,
        region: locator.region,
        ...(locator.endpoint === null ? {} : { endpoint: locator.endpoint }),
        credentials: dynamodbCredentials(locator.endpoint),
      });
  }
}

/** A description of the blob store for people and logs. */
export function describeBlobs(locator: BlobsLocator): string {
  switch (locator.kind) {
    case 'file':
      return `documents in ${locator.dir}`;
    case 's3':
      return (
        `documents in S3 bucket ${locator.bucket}${locator.endpoint ? ` at ${locator.endpoint}` : ''}` +
        (locator.downloads === 'presigned' ? ', downloaded from the bucket by presigned links' : '')
      );
  }
}

/**
 * Opens the blob store `DOCKET_BLOBS` names. The caller owns it and must `close()` it. S3 credentials come from the
 * AWS SDK's default chain; a bucket without a region is taken to be in `AWS_REGION`, else us-east-1.
 */
export async function openBlobStore(
  locator: BlobsLocator,
  env: NodeJS.ProcessEnv = process.env,
): Promise<BlobStore> {
  switch (locator.kind) {
    case 'file':
      return createFileBlobStore({ dir: locator.dir });
    case 's3':
      return createS3BlobStore({
        bucket: locator.bucket,
        region: locator.region ?? env.AWS_REGION ?? 'us-east-1',
        ...(locator.endpoint === null ? {} : { endpoint: locator.endpoint }),
        presignDownloads: locator.downloads === 'presigned',
      });
  }
}
