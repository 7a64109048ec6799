import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BlobTooLargeError } from './errors';

/**
 * A pass-through that counts and hashes the bytes going by, and fails with `BlobTooLargeError` as soon as they
 * pass `maxBytes` (before the offending chunk goes further).
 */
export class MeasuringStream extends Transform {
  private readonly hash = createHash('sha256');
  private bytes = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(data: Buffer | string, encoding: BufferEncoding, callback: TransformCallback): void {
    const chunk = typeof data === 'string' ? Buffer.from(data, encoding) : data;
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      callback(new BlobTooLargeError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  /** Size and SHA-256 of everything that went through; call once the stream has finished. */
  result(): { size: number; sha256: string } {
    return { size: this.bytes, sha256: this.hash.digest('hex') };
  }
}
