import {
  contractFormDocuments,
  documentDates,
  hasRates,
  rateFormDocuments,
  type ContractView,
  type DocumentRef,
  type RateFormData,
  type RateView,
  type StoredContractForm,
} from '@docket/domain';
import { linkedSummaryOfRate, type FilingDraft, type LinkedRateSummary } from '../forms/filing-draft';

/**
 * What a page shows of one revision of a filing: its answers, its rates with theirs, and each document with the
 * date it was first submitted in this filing and whether it is NEW since the submission before (DOMAIN §4). For
 * a contract's documents the history is the contract's revisions; for a rate's documents, that rate's revisions.
 */

export interface DocumentRow {
  document: DocumentRef;
  /** When these bytes were first submitted in the series; null if never submitted yet. */
  dateAdded: string | null;
  isNew: boolean;
}

export interface RateContent {
  key: string;
  rateId: string | null;
  name: string;
  /** Whether this contract owns the rate (else it is linked read-only from another submission). */
  owned: boolean;
  parentContractId: string | null;
  /** The rate's answers in this revision; null when only its summary is known (a rate just picked to link). */
  formData: RateFormData | null;
  linkedSummary: LinkedRateSummary | null;
  /** Whether the rate is withdrawn (on its own, or with its parent): shown as such wherever it is listed. */
  withdrawn: boolean;
  rateDocuments: DocumentRow[];
  supportingDocuments: DocumentRow[];
}

export interface RevisionContent {
  formData: StoredContractForm;
  contractDocuments: DocumentRow[];
  supportingDocuments: DocumentRow[];
  rates: RateContent[];
}

interface HistoryEntry {
  submittedAt: string | null;
  documents: readonly Pick<DocumentRef, 'sha256'>[];
}

function rows(
  documents: readonly DocumentRef[],
  history: readonly HistoryEntry[],
  index: number,
): DocumentRow[] {
  return documents.map((document) => ({ document, ...documentDates(history, index, document.sha256) }));
}

function contractHistory(contract: ContractView): HistoryEntry[] {
  return contract.revisions.map((r) => ({
    submittedAt: r.submitted?.at ?? null,
    documents: contractFormDocuments(r.formData),
  }));
}

function rateHistory(rate: RateView): HistoryEntry[] {
  return rate.revisions.map((r) => ({
    submittedAt: r.submitted?.at ?? null,
    documents: rateFormDocuments(r.formData),
  }));
}

function contractDocumentRows(form: StoredContractForm, history: readonly HistoryEntry[], index: number) {
  if (form.schemaVersion === 1) return { contractDocuments: [], supportingDocuments: [] };
  return {
    contractDocuments: rows(form.contractDetails.contractDocuments, history, index),
    supportingDocuments: rows(form.contractDetails.supportingDocuments, history, index),
  };
}

/** A rate as one revision of the contract went with it: the rate revision the link names, or its latest. */
function rateContent(
  contract: ContractView,
  rate: RateView,
  rateRevisionId: string | null,
): RateContent | null {
  const index =
    rateRevisionId === null
      ? rate.revisions.length - 1
      : rate.revisions.findIndex((r) => r.id === rateRevisionId);
  const revision = rate.revisions[index];
  if (!revision) return null;
  const history = rateHistory(rate);
  return {
    key: rate.id,
    rateId: rate.id,
    name: revision.name,
    owned: rate.parentContractId === contract.id,
    parentContractId: rate.parentContractId,
    formData: revision.formData,
    linkedSummary: rate.parentContractId === contract.id ? null : linkedSummaryOfRate(rate),
    withdrawn: rate.consolidatedStatus === 'WITHDRAWN',
    rateDocuments: rows(revision.formData.rateDocuments, history, index),
    supportingDocuments: rows(revision.formData.supportingDocuments, history, index),
  };
}

/**
 * The content of the contract revision with the given id. A draft lists its rates only while the filing can
 * carry rates (a contract-only draft keeps them, but they will not be filed).
 */
export function revisionContent(contract: ContractView, revisionId: string): RevisionContent | null {
  const index = contract.revisions.findIndex((r) => r.id === revisionId);
  const revision = contract.revisions[index];
  if (!revision) return null;
  const ratesById = new Map(contract.rates.map((r) => [r.id, r]));
  const showRates = revision.submitted !== null || hasRates(revision.formData);
  const rates = showRates
    ? revision.rateLinks.flatMap((link) => {
        const rate = ratesById.get(link.rateId);
        const content = rate ? rateContent(contract, rate, link.rateRevisionId) : null;
        return content ? [content] : [];
      })
    : [];
  return {
    formData: revision.formData,
    ...contractDocumentRows(revision.formData, contractHistory(contract), index),
    rates,
  };
}

/**
 * The content of the draft being edited, for the review step: the editor's answers in place of the stored
 * draft's, dated against the filing's submitted revisions.
 */
export function draftContent(contract: ContractView, draft: FilingDraft): RevisionContent {
  const history = contractHistory(contract);
  const index = Math.max(0, contract.revisions.length - 1);
  const ratesById = new Map(contract.rates.map((r) => [r.id, r]));
  const rates = draft.rates.map((rate): RateContent => {
    const stored = rate.rateId ? ratesById.get(rate.rateId) : undefined;
    if (rate.kind === 'LINKED') {
      const content = stored ? rateContent(contract, stored, null) : null;
      return {
        key: rate.key,
        rateId: rate.rateId,
        name: rate.summary.name,
        owned: false,
        parentContractId: rate.summary.parentContractId,
        formData: content?.formData ?? null,
        linkedSummary: rate.summary,
        withdrawn: false,
        rateDocuments: content?.rateDocuments ?? [],
        supportingDocuments: content?.supportingDocuments ?? [],
      };
    }
    const rateIndex = stored ? stored.revisions.length - 1 : 0;
    const rateHistoryEntries = stored ? rateHistory(stored) : [];
    return {
      key: rate.key,
      rateId: rate.rateId,
      name: stored?.name ?? 'New rate certification',
      owned: true,
      parentContractId: contract.id,
      formData: rate.formData,
      linkedSummary: null,
      withdrawn: false,
      rateDocuments: rows(rate.formData.rateDocuments, rateHistoryEntries, rateIndex),
      supportingDocuments: rows(rate.formData.supportingDocuments, rateHistoryEntries, rateIndex),
    };
  });
  return {
    formData: draft.form,
    ...contractDocumentRows(draft.form, history, index),
    rates,
  };
}
