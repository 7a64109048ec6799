import { z } from 'zod';
import type { FieldIssue } from './errors';

/** Field shapes shared by the contract details and the rate form. Dates are in `calendar-date.ts`. */

export const MAX_DOCUMENTS = 100;
export const DOCUMENT_NAME_MAX = 255;

/**
 * A reference to an uploaded document. The bytes live in the blob store under `blobKey`; the form only keeps what
 * identifies and describes them.
 */
export const documentRefSchema = z.object({
  blobKey: z.string().trim().min(1, 'Missing blob key'),
  name: z.string().trim().min(1, 'Missing file name').max(DOCUMENT_NAME_MAX),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Must be 64 lowercase hex characters'),
  size: z.number().int().min(1, 'A document cannot be empty'),
  contentType: z
    .string()
    .max(255)
    .regex(/^[a-z0-9][\w.+-]*\/[a-z0-9][\w.+-]*$/i, 'Must be a media type such as application/pdf'),
  /** Id of the user who uploaded the file. */
  uploadedBy: z.string().min(1),
  uploadedAt: z.iso.datetime({ offset: true }),
  /**
   * Proof, issued by the upload, that this user's state uploaded exactly this blob. Sent back with a document the
   * filing does not hold yet; the server checks it and never stores it.
   */
  uploadToken: z.string().max(1000).optional(),
});
export type DocumentRef = z.output<typeof documentRefSchema>;

export const documentListSchema = z.array(documentRefSchema).max(MAX_DOCUMENTS);

/** Issues for document names used twice in one list (compared case-insensitively). */
export function duplicateNameIssues(
  field: string,
  documents: readonly Pick<DocumentRef, 'name'>[],
): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  documents.forEach((d, index) => {
    const key = d.name.trim().toLowerCase();
    if (seen.has(key))
      issues.push({ path: [field, index, 'name'], message: `${d.name} is already in this list` });
    seen.add(key);
  });
  return issues;
}

/** Issues for values chosen twice in a multiple-choice answer. */
export function duplicateChoiceIssues(field: string, values: readonly string[]): FieldIssue[] {
  return values.flatMap((v, index) =>
    values.indexOf(v) < index ? [{ path: [field, index], message: `${v} chosen twice` }] : [],
  );
}

/** A zod error as Docket's field issues: one per problem, each with the path of the answer at fault. */
export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: i.message,
  }));
}
