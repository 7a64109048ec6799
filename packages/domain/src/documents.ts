import type { StoredContractForm } from './contract-form';
import type { DocumentRef } from './form-fields';
import type { RateFormData } from './rate-form';

/** Every document of a contract revision's answers (none for answers of a form without documents). */
export function contractFormDocuments(form: StoredContractForm): DocumentRef[] {
  if (form.schemaVersion === 1) return [];
  return [...form.contractDetails.contractDocuments, ...form.contractDetails.supportingDocuments];
}

/** Every document of a rate revision's answers. */
export function rateFormDocuments(form: RateFormData): DocumentRef[] {
  return [...form.rateDocuments, ...form.supportingDocuments];
}

/** One revision of a series (a contract's or a rate's), oldest first, as dating its documents needs it. */
export interface DocumentHistoryEntry {
  /** When this revision was submitted; null for a draft. */
  submittedAt: string | null;
  documents: readonly Pick<DocumentRef, 'sha256'>[];
}

export interface DocumentDates {
  /** The first submission in which these bytes appeared in the series; null if never submitted yet. */
  dateAdded: string | null;
  /** Added since the previous submission: the tag reviewers see (DOMAIN §4). */
  isNew: boolean;
}

/**
 * Dates a document of the revision at `index` of a series: `dateAdded` is the time of the first submitted
 * revision (up to and including this one) holding the same SHA-256, carried across resubmissions whatever the
 * file is called; the document is NEW when the submitted revision before this one did not hold it. In a first
 * submission nothing is NEW: there is nothing to compare with.
 */
export function documentDates(
  history: readonly DocumentHistoryEntry[],
  index: number,
  sha256: string,
): DocumentDates {
  const upTo = history.slice(0, index + 1);
  const first = upTo.find((r) => r.submittedAt !== null && r.documents.some((d) => d.sha256 === sha256));
  const previous = history
    .slice(0, index)
    .filter((r) => r.submittedAt !== null)
    .at(-1);
  return {
    dateAdded: first?.submittedAt ?? null,
    isNew: previous !== undefined && !previous.documents.some((d) => d.sha256 === sha256),
  };
}
