import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DocumentRef } from '@docket/domain';

/**
 * Upload receipts: proof that a document reference describes a blob that an upload by a user of a given state
 * stored. The upload answers a receipt with the document; a draft may then take the document only with a valid
 * receipt (or when the filing already holds it), so nobody can attach another state's blob by guessing its key.
 * Receipts are stateless (an HMAC under the server secret) and never stored.
 */
/**
 * How long a receipt lets a draft take its upload. `docket gc` collects unreferenced uploads only after a grace
 * period longer than this, so a document a draft accepts is never one already collected.
 */
export const RECEIPT_LIFETIME_HOURS = 12;

export interface UploadReceipts {
  /** The receipt for a document uploaded by a user of `stateCode` (null for a user of no state). */
  issue(document: Omit<DocumentRef, 'uploadToken'>, stateCode: string | null): string;
  /**
   * Whether `document.uploadToken` is the receipt for exactly this document and state (`invalid` otherwise), and
   * whether the upload is still recent enough to be taken (`expired` once {@link RECEIPT_LIFETIME_HOURS} passed).
   */
  verify(document: DocumentRef, stateCode: string | null, now?: Date): 'valid' | 'expired' | 'invalid';
}

export function createUploadReceipts(secret: string): UploadReceipts {
  const sign = (d: Omit<DocumentRef, 'uploadToken'>, stateCode: string | null): Buffer =>
    createHmac('sha256', secret)
      .update(
        JSON.stringify([
          'docket-upload-v1',
          d.blobKey,
          d.name,
          d.sha256,
          d.size,
          d.contentType,
          d.uploadedBy,
          d.uploadedAt,
          stateCode,
        ]),
      )
      .digest();
  return {
    issue: (document, stateCode) => sign(document, stateCode).toString('base64url'),
    verify(document, stateCode, now = new Date()) {
      if (!document.uploadToken) return 'invalid';
      const given = Buffer.from(document.uploadToken, 'base64url');
      const expected = sign(document, stateCode);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
      const age = now.getTime() - Date.parse(document.uploadedAt);
      return age > RECEIPT_LIFETIME_HOURS * 60 * 60 * 1000 ? 'expired' : 'valid';
    },
  };
}
