import { documentDates, rateFormDocuments, type RateRevisionView } from '@docket/domain';
import type { DocumentRow } from './revision-content';

/**
 * The documents of one revision of a rate as its page lists them: each with the date it was first submitted in
 * this rate's revisions and whether it is NEW since the revision before (DOMAIN §4), as a filing's page dates them.
 */
export function rateRevisionDocuments(
  revisions: readonly RateRevisionView[],
  index: number,
): { rateDocuments: DocumentRow[]; supportingDocuments: DocumentRow[] } {
  const history = revisions.map((r) => ({
    submittedAt: r.submitted?.at ?? null,
    documents: rateFormDocuments(r.formData),
  }));
  const revision = revisions[index];
  if (!revision) return { rateDocuments: [], supportingDocuments: [] };
  const rows = (documents: RateRevisionView['formData']['rateDocuments']): DocumentRow[] =>
    documents.map((document) => ({ document, ...documentDates(history, index, document.sha256) }));
  return {
    rateDocuments: rows(revision.formData.rateDocuments),
    supportingDocuments: rows(revision.formData.supportingDocuments),
  };
}
