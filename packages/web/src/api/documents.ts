import { uploadedDocumentViewSchema, type DocumentRef } from '@docket/domain';
import { documentIdOf } from '../forms/document-files';
import { uploadFile, type Upload } from './client';

/** Uploads one file for a document list of a draft; the answer is the reference to put in the list. */
export function uploadDocument(
  file: File,
  onProgress: (sent: number, total: number) => void,
): Upload<{ document: DocumentRef }> {
  return uploadFile('/api/documents', file, uploadedDocumentViewSchema, onProgress);
}

/** Where a document of a contract (or of a rate on it) is downloaded. */
export function documentDownloadPath(contractId: string, document: Pick<DocumentRef, 'blobKey'>): string {
  return `/api/contracts/${encodeURIComponent(contractId)}/documents/${encodeURIComponent(documentIdOf(document))}`;
}

/** Where every document of one revision of a contract is downloaded as one zip. */
export function revisionZipPath(contractId: string, revisionId: string): string {
  return `/api/contracts/${encodeURIComponent(contractId)}/revisions/${encodeURIComponent(revisionId)}/documents.zip`;
}
