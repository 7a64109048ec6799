import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { BlobStore } from '../../src/blob-store';
import { createS3BlobStore } from '../../src/s3';

/** The fixed credentials s3rver accepts. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const S3RVER_REGION = 'us-east-1';

/** An s3rver running in this process on loopback, with one fresh bucket. */
export interface RunningS3rver {
  readonly endpoint: string;
  readonly bucket: string;
  /** Stops the server and removes its files. */
  stop(): Promise<void>;
}

/** Starts a silent s3rver on 127.0.0.1 (a free port) with its files in a fresh temporary folder. */
export async function startS3rver(): Promise<RunningS3rver> {
  const directory = await mkdtemp(join(tmpdir(), 'docket-s3rver-'));
  const bucket = `docket-test-${randomUUID().slice(0, 8)}`;
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  try {
    const address = await server.run();
    return {
      endpoint: `http://127.0.0.1:${address.port}`,
      bucket,
      stop: async () => {
        try {
          await server.close();
        } finally {
          await rm(directory, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}

/** An S3 blob store over the s3rver's bucket, signing with its credentials. */
export function s3rverStore(server: RunningS3rver, options: { presignDownloads?: boolean } = {}): BlobStore {
  return createS3BlobStore({
    bucket: server.bucket,
    region: S3RVER_REGION,
    endpoint: server.endpoint,
    credentials: S3RVER_CREDENTIALS,
    ...options,
  });
}
