import { assertBlobKey } from '@docket/blobs';
import { z } from 'zod';
import { canonicalJson, ContentHash } from './content-hash';
import { sha256Hex } from './archive';

/**
 * The blobs of a version 2 archive (docs/backup-format.md): each distinct content once, as the entry
 * `blobs/<sha256>`, and an index, `blobs.ndjson.gz`, with one line per blob key the records refer to.
 */

const MAX_CONTENT_TYPE = 255;
const MAX_PROBLEM = 2000;

function isBlobKey(key: string): boolean {
  try {
    assertBlobKey(key);
    return true;
  } catch {
    return false;
  }
}

/**
 * One line of the blob index. A blob held in the archive has `size` and `sha256` (its entry is
 * `blobs/<sha256>`); `problem` says when it does not match the document that refers to it, or, without `size` and
 * `sha256`, why the archive does not hold it at all.
 */
export const blobLineSchema = z
  .strictObject({
    key: z.string().refine(isBlobKey, 'is not a blob key'),
    contentType: z.string().min(1).max(MAX_CONTENT_TYPE),
    size: z.number().int().nonnegative().optional(),
    sha256: sha256Hex.optional(),
    problem: z.string().min(1).max(MAX_PROBLEM).optional(),
  })
  .refine((line) => (line.size === undefined) === (line.sha256 === undefined), {
    message: 'size and sha256 come together',
  })
  .refine((line) => line.sha256 !== undefined || line.problem !== undefined, {
    message: 'a blob the archive does not hold must say why (problem)',
  });
export type BlobLine = z.infer<typeof blobLineSchema>;

/** A line of a blob the archive holds. */
export type HeldBlobLine = BlobLine & { size: number; sha256: string };

export function isHeld(line: BlobLine): line is HeldBlobLine {
  return line.sha256 !== undefined && line.size !== undefined;
}

/** A problem is cut to what the index takes. */
export function problemText(text: string): string {
  return text.length <= MAX_PROBLEM ? text : `${text.slice(0, MAX_PROBLEM - 1)}…`;
}

/** What a set of blobs holds: how many, how many bytes, and a content hash of their keys, sizes and SHA-256s. */
export interface BlobMeasure {
  count: number;
  bytes: number;
  contentHash: string;
}

/** Measures blobs one at a time, in any order. */
export class BlobMeasurer {
  private readonly hash = new ContentHash();
  private bytes = 0;

  add(blob: { key: string; size: number; sha256: string }): void {
    this.hash.addCanonical(canonicalJson({ key: blob.key, sha256: blob.sha256, size: blob.size }));
    this.bytes += blob.size;
  }

  result(): BlobMeasure {
    return { count: this.hash.count, bytes: this.bytes, contentHash: this.hash.digest() };
  }
}
