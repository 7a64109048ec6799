import { newId } from '@docket/domain';

/** Every uploaded document is a blob under this prefix, named by a fresh id: `documents/{uuid}`. */
export const DOCUMENTS_PREFIX = 'documents/';

const DOCUMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A new, never used blob key for an upload. */
export function newDocumentKey(): string {
  return `${DOCUMENTS_PREFIX}${newId()}`;
}

/** The blob key of a document id (the uuid part of its key), or null when `id` is not one. */
export function documentKeyOf(id: string): string | null {
  const lower = id.toLowerCase();
  return DOCUMENT_ID.test(lower) ? `${DOCUMENTS_PREFIX}${lower}` : null;
}

/** The document id of a blob key (what download URLs carry), or null for a key that is not a document's. */
export function documentIdOf(blobKey: string): string | null {
  if (!blobKey.startsWith(DOCUMENTS_PREFIX)) return null;
  const id = blobKey.slice(DOCUMENTS_PREFIX.length);
  return DOCUMENT_ID.test(id) ? id : null;
}
