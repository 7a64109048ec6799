import {
  contractFormDocuments,
  contractName,
  NotFoundError,
  rateFormDocuments,
  rateRevisionName,
  visibleFiling,
  type DocumentRef,
  type User,
  type VisibleFiling,
} from '@docket/domain';
import type { ContractStore, RateStore, StateStore } from '@docket/store';
import { uniqueName } from '../documents/archive-names';
import { documentKeyOf } from '../documents/document-keys';
import type { ZipEntry } from '../documents/documents-zip';
import { findReadableFiling } from './contract-access';

/**
 * Documents are read like the filing they belong to: whoever may read a contract may download the documents of
 * the revisions of it they may see (`visibleFiling`: a reviewer never gets the state's unsubmitted draft) and of
 * the revisions they may see of the rates those link, and nothing else. A document that is not part of what the
 * user may see answers exactly like a missing one.
 */

export interface DocumentAccessStores {
  contracts: ContractStore;
  rates: RateStore;
}

/** Every document the user may see of a filing: its contract's revisions' and its rates' revisions'. */
function visibleDocuments({ revisions, rates }: VisibleFiling): DocumentRef[] {
  return [
    ...revisions.flatMap((r) => contractFormDocuments(r.formData)),
    ...rates.flatMap((rate) => rate.revisions.flatMap((r) => rateFormDocuments(r.formData))),
  ];
}

/**
 * The document with this id (the uuid of its blob key) in a filing the user may read: in a revision of the
 * contract they may see, or in a revision they may see of a rate such a revision links.
 * @throws NotFoundError for a contract the user may not read (as for a missing one), or a document not in it
 */
export async function findDownloadableDocument(
  stores: DocumentAccessStores,
  user: User,
  contractId: string,
  documentId: string,
): Promise<DocumentRef> {
  const filing = await findReadableFiling(stores.contracts, user, contractId);
  const key = documentKeyOf(documentId);
  if (key === null) throw new NotFoundError('Document', documentId);
  const found = visibleDocuments(visibleFiling(user, filing.contract, filing.rates)).find(
    (d) => d.blobKey === key,
  );
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
  const filing = await findReadableFiling(stores.contracts, user, contractId);
  const { contract } = filing;
  const visible = visibleFiling(user, contract, filing.rates);
  // A revision the user may not see (a reviewer and the state's draft) answers like one that does not exist.
  const revision = visible.revisions.find((r) => r.id === revisionId);
  if (!revision) throw new NotFoundError('Revision', revisionId);
  const ratesById = new Map(visible.rates.map((r) => [r.rate.id, r]));
  const programs = await stores.states.listPrograms(contract.stateCode);

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
    const shown = ratesById.get(link.rateId);
    if (!shown) throw new Error(`Rate ${link.rateId} of a revision the user may see is not in the filing`);
    const { rate, revisions } = shown;
    const rateRevision =
      link.rateRevisionId === null ? revisions.at(-1) : revisions.find((r) => r.id === link.rateRevisionId);
    if (!rateRevision) throw new Error(`rate ${rate.id} has no revision ${link.rateRevisionId ?? ''}`);
    const folder = uniqueName(rateRevisionName(rate, rateRevision.formData, programs), folders);
    add([folder], rateRevision.formData.rateDocuments);
    add([folder, SUPPORTING_DOCUMENTS_FOLDER], rateRevision.formData.supportingDocuments);
  }

  const chosen = revision.formData.programIDs.flatMap((id) => programs.filter((p) => p.id === id));
  const name = contractName(contract.stateCode, contract.stateNumber, chosen);
  return { fileName: `${name}-revision-${revision.number}-documents.zip`, entries };
}
