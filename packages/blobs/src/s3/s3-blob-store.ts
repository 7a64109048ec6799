import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { NotFoundError } from '@docket/domain';
import { Readable, pipeline } from 'node:stream';
import { assertBlobKey, assertDownloadLinkOptions, assertListOptions } from '../blob-key';
import type {
  BlobHead,
  BlobPage,
  BlobStore,
  DownloadLinkOptions,
  ListBlobsOptions,
  PutBlobOptions,
  PutBlobResult,
  StaleTemporariesOptions,
} from '../blob-store';
import { MeasuringStream } from '../measure';

/** Where the S3 adapter keeps its blobs. */
export interface S3BlobStoreOptions {
  readonly bucket: string;
  readonly region: string;
  /**
   * An S3-compatible endpoint (s3rver, MinIO); absent for AWS. With one, requests use checksums only where the API
   * requires them, which emulators need, and path-style addressing unless `forcePathStyle` says otherwise.
   */
  readonly endpoint?: string;
  /**
   * Name the bucket in the path (`endpoint/bucket/key`) instead of the host (`bucket.endpoint/key`). Defaults to
   * true with an `endpoint`, false without one (AWS's virtual-hosted style).
   */
  readonly forcePathStyle?: boolean;
  /** Static credentials; absent to use the SDK's default chain (environment, instance role...). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /**
   * Hand out presigned GET URLs from `downloadLink`, so that browsers fetch documents from the bucket itself.
   * Only where browsers can reach the bucket's endpoint; otherwise (the default) `downloadLink` answers null and
   * documents stream through the server.
   */
  readonly presignDownloads?: boolean;
}

/** Part size of multipart uploads: S3's minimum, so at most this much of a body is in memory per part in flight. */
const PART_SIZE = 5 * 1024 * 1024;

function isS3NotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)
  );
}

/**
 * Blobs as objects in one S3 bucket. `put` streams through lib-storage's `Upload`: a body of one part is a single
 * PutObject, a longer one a multipart upload, which S3 shows only once completed and which is aborted on any
 * failure, so a failed put leaves nothing behind.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3';

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly presignDownloads = false,
  ) {}

  async put(key: string, body: Readable, options: PutBlobOptions): Promise<PutBlobResult> {
    assertBlobKey(key);
    const meter = new MeasuringStream(options.maxBytes);
    let streamError: unknown = null;
    const measured = pipeline(body, meter, (error) => {
      if (error) streamError = error;
    });
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: measured, ContentType: options.contentType },
      partSize: PART_SIZE,
      queueSize: 2,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      measured.destroy();
      // The upload's own error only says the body broke; the body's error says why (e.g. BlobTooLargeError).
      throw streamError ?? error;
    }
    if (streamError) {
      // The stream failed after the upload took its last byte: do not keep what cannot be vouched for.
      await this.delete(key);
      throw streamError;
    }
    return meter.result();
  }

  async get(key: string): Promise<Readable> {
    assertBlobKey(key);
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!(response.Body instanceof Readable))
        throw new Error(`S3 returned no readable body for blob ${key}`);
      return response.Body;
    } catch (error) {
      if (isS3NotFound(error)) throw new NotFoundError('Blob', key);
      throw error;
    }
  }

  async head(key: string): Promise<BlobHead | null> {
    assertBlobKey(key);
    try {
      const response = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: response.ContentLength ?? 0 };
    } catch (error) {
      if (isS3NotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async list(options: ListBlobsOptions): Promise<BlobPage> {
    const prefix = options.prefix ?? '';
    assertListOptions(prefix, options.limit);
    const response = await this.client.send(
      new ListObjectsV2Command({
        Bucket: this.bucket,
        Prefix: prefix === '' ? undefined : prefix,
        MaxKeys: options.limit,
        ContinuationToken: options.cursor ?? undefined,
      }),
    );
    const items = (response.Contents ?? []).flatMap((object) =>
      object.Key === undefined
        ? []
        : [{ key: object.Key, size: object.Size ?? 0, lastModified: object.LastModified ?? new Date(0) }],
    );
    return {
      items,
      nextCursor: response.IsTruncated === true ? (response.NextContinuationToken ?? null) : null,
    };
  }

  /**
   * A presigned GetObject URL whose response carries the given type and disposition, or null unless the store was
   * opened with `presignDownloads`. Signing is local: nothing is sent to S3.
   */
  async downloadLink(key: string, options: DownloadLinkOptions): Promise<string | null> {
    assertBlobKey(key);
    assertDownloadLinkOptions(options);
    if (!this.presignDownloads) return null;
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentType: options.contentType,
      ResponseContentDisposition: options.contentDisposition,
      ResponseCacheControl: 'private, no-store',
    });
    return getSignedUrl(this.client, command, { expiresIn: options.expiresInSeconds });
  }

  /**
   * Nothing to remove: a put leaves no object behind unless it completes. A multipart upload cut short by a crash
   * stays incomplete in the bucket, unseen by readers but billed, until a lifecycle rule aborts it (README).
   */
  async removeStaleTemporaries(_options: StaleTemporariesOptions): Promise<number> {
    return 0;
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}

/** Makes the S3 client for `options` and a store over its bucket (which must exist). */
export function openS3BlobStore(options: S3BlobStoreOptions): S3BlobStore {
  const client = new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
    ...(options.endpoint === undefined
      ? {}
      : {
          endpoint: options.endpoint,
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }),
    ...(options.credentials === undefined ? {} : { credentials: { ...options.credentials } }),
  });
  return new S3BlobStore(client, options.bucket, options.presignDownloads === true);
}
