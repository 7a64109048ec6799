import {
  contractFormDocuments,
  contractName,
  latestRateRevision,
  NotFoundError,
  rateFormDocuments,
  rateRevisionName,
  type Contract,
  type DocumentRef,
  type Rate,
  type User,
} from '@docket/domain';
import type { ContractStore, RateStore, StateStore } from '@docket/store';
import { uniqueName } from '../documents/archive-names';
import { documentKeyOf } from '../documents/document-keys';
import type { ZipEntry } from '../documents/documents-zip';
import { findReadableFiling } from './contract-access';

/**
 * Documents are read like the filing they belong to: whoever may read a contract may download the documents of
 * any of its revisions and of the rates those revisions link, and nothing else. A document that is not part of a
 * filing the user can read answers exactly like a missing one.
 */

export interface DocumentAccessStores {
  contracts: ContractStore;
  rates: RateStore;
}

/** Every document of any revision of the contract. */
function contractDocuments(contract: Contract): DocumentRef[] {
  return contract.revisions.flatMap((r) => contractFormDocuments(r.formData));
}

/** Every document of any revision of the rates. */
function rateDocuments(rates: readonly Rate[]): DocumentRef[] {
  return rates.flatMap((rate) => rate.revisions.flatMap((r) => rateFormDocuments(r.formData)));
}

/**
 * The document with this id (the uuid of its blob key) in a filing the user may read: in any revision of the
 * contract, or of a rate any of its revisions links.
 * @throws NotFoundError for a contract the user may not read (as for a missing one), or a document not in it
 */
export async function findDownloadableDocument(
  stores: DocumentAccessStores,
  user: User,
  contractId: string,
  documentId: string,
): Promise<DocumentRef> {
  const { contract, rates } = await findReadableFiling(stores.contracts, user, contractId);
  const key = documentKeyOf(documentId);
  if (key === null) throw new NotFoundError('Document', documentId);
  const isIt = (d: DocumentRef) => d.blobKey === key;
  const found = contractDocuments(contract).find(isIt) ?? rateDocuments(rates).find(isIt);
  if (!found) throw new NotFoundError('Document', documentId);
  return found;
}

/** What the zip of one revision's documents holds, and what to call it. */
export interface RevisionArchive {
  fileName: string;
  entries: ZipEntry[];
}

export const CONTRACT_DOCUMENTS_FOLDER = 'Contract documents';
export const SUPPORTING_DOCUMENTS_FOLDER = 'Supporting documents';

/**
 * The documents of one contract revision, laid out for a zip: the contract's documents and its supporting
 * documents each in a folder, then, for each rate the revision links (at the rate revision it is fixed to, or
 * the rate's latest while the link follows the rate), a folder named after the rate with its documents and a
 * subfolder of its supporting documents.
 * @throws NotFoundError for a contract the user may not read, or a revision it does not have
 */
export async function revisionArchive(
  stores: DocumentAccessStores & { states: StateStore },
  user: User,
  contractId: string,
  revisionId: string,
): Promise<RevisionArchive> {
  const { contract, rates } = await findReadableFiling(stores.contracts, user, contractId);
  const revision = contract.revisions.find((r) => r.id === revisionId);
  if (!revision) throw new NotFoundError('Revision', revisionId);
  const programs = await stores.states.listPrograms(contract.stateCode);
  const ratesById = new Map(rates.map((r) => [r.id, r]));

  const entries: ZipEntry[] = [];
  const add = (folder: string[], documents: readonly DocumentRef[]) => {
    for (const document of documents) entries.push({ folder, document });
  };
  if (revision.formData.schemaVersion !== 1) {
    add([CONTRACT_DOCUMENTS_FOLDER], revision.formData.contractDetails.contractDocuments);
    add([SUPPORTING_DOCUMENTS_FOLDER], revision.formData.contractDetails.supportingDocuments);
  }
  const folders = new Set([
    CONTRACT_DOCUMENTS_FOLDER.toLowerCase(),
    SUPPORTING_DOCUMENTS_FOLDER.toLowerCase(),
  ]);
  for (const link of revision.rateLinks) {
    const rate = ratesById.get(link.rateId);
    if (!rate) throw new NotFoundError('Rate', link.rateId);
    const rateRevision =
      link.rateRevisionId === null
        ? latestRateRevision(rate)
        : rate.revisions.find((r) => r.id === link.rateRevisionId);
    if (!rateRevision) throw new Error(`rate ${rate.id} has no revision ${link.rateRevisionId ?? ''}`);
    const folder = uniqueName(rateRevisionName(rate, rateRevision.formData, programs), folders);
    add([folder], rateRevision.formData.rateDocuments);
    add([folder, SUPPORTING_DOCUMENTS_FOLDER], rateRevision.formData.supportingDocuments);
  }

  const chosen = revision.formData.programIDs.flatMap((id) => programs.filter((p) => p.id === id));
  const name = contractName(contract.stateCode, contract.stateNumber, chosen);
  return { fileName: `${name}-revision-${revision.number}-documents.zip`, entries };
}
