import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Where documents are kept (`DOCKET_BLOBS`): a local folder, or an S3 bucket. A missing `region` falls back to
 * `AWS_REGION`, then us-east-1.
 */
export type BlobsLocator =
  | { kind: 'file'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      region: string | null;
      endpoint: string | null;
      /**
       * Address the bucket in the path (`endpoint/bucket/key`) rather than in the host name (`bucket.endpoint/key`).
       * `?forcePathStyle=true|false` when given; otherwise on with an `endpoint` (S3-compatible servers mostly want
       * it) and off without one (AWS's virtual-hosted default).
       */
      forcePathStyle: boolean;
      /**
       * `server` (the default): downloads stream through Docket. `presigned`: once Docket has authorized a download,
       * it redirects the browser to a five-minute link to the bucket, which serves the bytes itself; only where
       * browsers can reach the bucket's endpoint. The zip of a revision always streams through Docket.
       */
      downloads: 'server' | 'presigned';
    };

export const DEFAULT_BLOBS = 'file:./.docket/blobs';

const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Parses `DOCKET_BLOBS`; relative folders are resolved against `cwd`. */
export function blobsLocatorSchema(cwd: string): z.ZodType<BlobsLocator, string> {
  return z.string().transform((raw, ctx): BlobsLocator => {
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (raw.startsWith('file:')) {
      const dir = raw.slice('file:'.length);
      return dir.trim() ? { kind: 'file', dir: resolve(cwd, dir) } : fail('names no folder (file:<dir>)');
    }
    if (!raw.startsWith('s3://')) return fail('must be file:<dir> or s3://<bucket>?region=…');
    const [bucket = '', query = ''] = raw.slice('s3://'.length).split('?', 2);
    if (!S3_BUCKET.test(bucket)) return fail('names no valid S3 bucket (3 to 63 of a-z 0-9 . -)');
    const params = new URLSearchParams(query);
    const allowed = ['region', 'endpoint', 'forcePathStyle', 'downloads'];
    const unknown = [...params.keys()].filter((k) => !allowed.includes(k));
    if (unknown.length > 0)
      return fail(`has unknown option ${unknown.join(', ')} (allowed: ${allowed.join(', ')})`);
    const endpoint = params.get('endpoint');
    if (endpoint !== null && !/^https?:\/\/[^\s/]+/.test(endpoint)) {
      return fail('has an endpoint that is not an http(s) URL');
    }
    const pathStyle = params.get('forcePathStyle');
    if (pathStyle !== null && pathStyle !== 'true' && pathStyle !== 'false') {
      return fail('has forcePathStyle that is neither true nor false');
    }
    const downloads = params.get('downloads') ?? 'server';
    if (downloads !== 'server' && downloads !== 'presigned') {
      return fail('has downloads that is neither server nor presigned');
    }
    return {
      kind: 's3',
      bucket,
      region: params.get('region'),
      endpoint,
      forcePathStyle: pathStyle === null ? endpoint !== null : pathStyle === 'true',
      downloads,
    };
  });
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
