import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DocumentRef } from '@docket/domain';

/**
 * Upload receipts: proof that a document reference describes a blob that an upload by a user of a given state
 * stored. The upload answers a receipt with the document; a draft may then take the document only with a valid
 * receipt (or when the filing already holds it), so nobody can attach another state's blob by guessing its key.
 * Receipts are stateless (an HMAC under the server secret) and never stored.
 */
export interface UploadReceipts {
  /** The receipt for a document uploaded by a user of `stateCode` (null for a user of no state). */
  issue(document: Omit<DocumentRef, 'uploadToken'>, stateCode: string | null): string;
  /** Whether `document.uploadToken` is the receipt for exactly this document and state. */
  verify(document: DocumentRef, stateCode: string | null): boolean;
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
    verify(document, stateCode) {
      if (!document.uploadToken) return false;
      const given = Buffer.from(document.uploadToken, 'base64url');
      const expected = sign(document, stateCode);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
