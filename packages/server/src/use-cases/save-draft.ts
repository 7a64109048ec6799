import {
  latestRevision,
  programIssues,
  ValidationError,
  type ContractFormData,
  type User,
} from '@docket/domain';
import { previouslyChosenPrograms, type ContractDetails } from './contract-access';
import { writeContract, type ContractWriteStores, type WriteBasis } from './contract-write';

/**
 * Replaces the answers of the draft (or unlocked) revision. The answers may be incomplete, but every program must
 * be one of the state's own and not retired (unless an earlier submission already chose it).
 */
export function saveDraft(
  stores: ContractWriteStores,
  user: User,
  basis: WriteBasis,
  formData: ContractFormData,
): Promise<ContractDetails> {
  return writeContract(stores, user, 'SAVE_DRAFT', basis, null, ({ contract, programs }) => {
    const issues = programIssues(formData.programIDs, programs, previouslyChosenPrograms(contract));
    if (issues.length > 0) throw new ValidationError('Some of the chosen programs cannot be used', issues);
    const draft = latestRevision(contract);
    return { change: { kind: 'SAVE_DRAFT', revisionId: draft.id, formData }, revisionId: draft.id };
  });
}
