import {
  acceptContractDocuments,
  actorRef,
  canCreateContract,
  contractFormDateIssues,
  emptyContractForm,
  ForbiddenError,
  newId,
  programIssues,
  ValidationError,
  type AuditEvent,
  type ContractFormData,
  type DocumentRef,
  type User,
} from '@docket/domain';
import type { ContractStore, StateStore } from '@docket/store';
import type { UploadReceipts } from '../documents/upload-receipts';
import type { ContractDetails } from './contract-access';

/**
 * Starts a contract submission for the user's own state: a draft revision, the state's next number, and the
 * CREATE_CONTRACT event, written atomically. Answers given up front are checked like a saved draft.
 */
export async function createContract(
  stores: { contracts: ContractStore; states: Pick<StateStore, 'listPrograms'> },
  receipts: UploadReceipts,
  user: User,
  formData: ContractFormData | undefined,
): Promise<ContractDetails> {
  const stateCode = user.stateCode;
  if (stateCode === null || !canCreateContract(user, stateCode)) {
    throw new ForbiddenError('Only state users start submissions, for their own state');
  }
  const programs = await stores.states.listPrograms(stateCode);
  const given = formData ?? emptyContractForm();
  const issues = [...programIssues(given.programIDs, programs), ...contractFormDateIssues(given)];
  const verify = (document: DocumentRef) => receipts.verify(document, user.stateCode);
  const form = acceptContractDocuments(given, { known: new Map(), verify }, issues);
  if (issues.length > 0) throw new ValidationError('Some answers cannot be saved', issues);

  const id = newId();
  const revisionId = newId();
  const at = new Date().toISOString();
  const event: AuditEvent = {
    id: newId(),
    at,
    actor: actorRef(user),
    action: 'CREATE_CONTRACT',
    reason: null,
    stateCode,
    contractId: id,
    revisionId,
    details: {},
  };
  const contract = await stores.contracts.create({ id, stateCode, revisionId, formData: form, at, event });
  // Answered from what was written: a new filing has no rates and one event.
  return { contract, rates: [], history: [event], rateParents: [], reviewers: [], programs };
}
