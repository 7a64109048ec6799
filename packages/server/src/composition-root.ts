import type { BlobStore } from '@docket/blobs';
import { createFileBlobStore } from '@docket/blobs/file';
import type { Datastore } from '@docket/store';
import { createDynamoDatastore } from '@docket/store/dynamodb';
import { createPostgresDatastore } from '@docket/store/postgres';
import type { BlobsLocator, StoreLocator } from './config';

/**
 * The composition root: the one place that knows which datastores and blob stores exist, reads `DOCKET_STORE` and
 * `DOCKET_BLOBS` and picks the adapters. Everything else receives the `Datastore` and `BlobStore` ports (or just
 * the stores it uses).
 */

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
    case 's3': {
      // Loaded only when asked for: a folder's users never load the AWS SDK.
      const { createS3BlobStore } = await import('@docket/blobs/s3');
      return createS3BlobStore({
        bucket: locator.bucket,
        region: locator.region ?? env.AWS_REGION ?? 'us-east-1',
        ...(locator.endpoint === null ? {} : { endpoint: locator.endpoint }),
        forcePathStyle: locator.forcePathStyle,
        presignDownloads: locator.downloads === 'presigned',
      });
    }
  }
}
