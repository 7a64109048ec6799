import type { Contract } from '../contract';
import type { ContractFormData } from '../contract-form';
import { contractFormDocuments, rateFormDocuments } from '../documents';
import type { FieldIssue } from '../errors';
import { duplicateNameIssues, type DocumentRef } from '../form-fields';
import type { Rate } from '../rate';
import type { RateFormData } from '../rate-form';
import type { UploadVerdict } from './command';

/** What identifies stored bytes: the blob and what was measured of it. */
function identity(d: Pick<DocumentRef, 'blobKey' | 'sha256' | 'size'>): string {
  return `${d.blobKey}|${d.sha256}|${d.size}`;
}

/**
 * Every document a filing already holds, as stored, by what identifies its bytes: in any revision of the contract
 * or of the rates it links.
 */
export function filingDocuments(
  contract: Pick<Contract, 'revisions'>,
  rates: readonly Rate[],
): Map<string, DocumentRef> {
  const documents = [
    ...contract.revisions.flatMap((r) => contractFormDocuments(r.formData)),
    ...rates.flatMap((rate) => rate.revisions.flatMap((r) => rateFormDocuments(r.formData))),
  ];
  return new Map(documents.map((d) => [identity(d), d]));
}

/** How the documents of a request are checked: those the filing holds, and the receipts of new uploads. */
export interface DocumentCheck {
  known: ReadonlyMap<string, DocumentRef>;
  verify: (document: DocumentRef) => UploadVerdict;
}

/**
 * Accepts the documents of one list: each must be one the filing already holds — then it is kept exactly as
 * stored, whatever else the request says of it — or come with the receipt of an upload by the user's state (so no
 * one attaches a blob they did not upload, and its name, type and dates are the ones the upload gave). Receipts
 * are checked, then dropped: they are never stored. Names used twice in the list are refused.
 */
function acceptList(
  path: (string | number)[],
  documents: readonly DocumentRef[],
  check: DocumentCheck,
  issues: FieldIssue[],
): DocumentRef[] {
  const field = path.at(-1);
  issues.push(
    ...duplicateNameIssues(String(field), documents).map((i) => ({
      ...i,
      path: [...path.slice(0, -1), ...i.path],
    })),
  );
  return documents.map((document, index) => {
    const held = check.known.get(identity(document));
    if (held) return held;
    const receipt = check.verify(document);
    if (receipt !== 'valid') {
      issues.push({
        path: [...path, index],
        message:
          receipt === 'expired'
            ? `${document.name} was uploaded too long ago to be added: upload the file again`
            : `${document.name} is not an upload of this state: upload the file again`,
      });
    }
    const { uploadToken: _receipt, ...stored } = document;
    return stored;
  });
}

/** The contract answers with their documents accepted (see {@link acceptList}). */
export function acceptContractDocuments(
  form: ContractFormData,
  check: DocumentCheck,
  issues: FieldIssue[],
): ContractFormData {
  const details = form.contractDetails;
  return {
    ...form,
    contractDetails: {
      ...details,
      contractDocuments: acceptList(
        ['contractDetails', 'contractDocuments'],
        details.contractDocuments,
        check,
        issues,
      ),
      supportingDocuments: acceptList(
        ['contractDetails', 'supportingDocuments'],
        details.supportingDocuments,
        check,
        issues,
      ),
    },
  };
}

/** A rate's answers with their documents accepted; issues are under `path` (the rate's place in the draft). */
export function acceptRateDocuments(
  path: (string | number)[],
  form: RateFormData,
  check: DocumentCheck,
  issues: FieldIssue[],
): RateFormData {
  return {
    ...form,
    rateDocuments: acceptList([...path, 'rateDocuments'], form.rateDocuments, check, issues),
    supportingDocuments: acceptList(
      [...path, 'supportingDocuments'],
      form.supportingDocuments,
      check,
      issues,
    ),
  };
}
