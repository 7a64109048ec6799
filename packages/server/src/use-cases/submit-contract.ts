import { checkContractForSubmit, latestRevision, ValidationError, type User } from '@docket/domain';
import { previouslyChosenPrograms, type ContractDetails } from './contract-access';
import {
  writeContract,
  type ContractWriteStores,
  type PlanContext,
  type PlannedChange,
  type WriteBasis,
} from './contract-write';

/**
 * Freezes the draft revision after full validation: every missing or invalid answer is reported by its path in
 * the form. The revision is stored as cleaned by the submit schema (trimmed; a contract-only filing has no rates
 * to drop yet).
 */
function planSubmission(reason: string | null) {
  return ({ contract, programs, at, by }: PlanContext): PlannedChange => {
    const draft = latestRevision(contract);
    const check = checkContractForSubmit(draft.formData, programs, previouslyChosenPrograms(contract));
    if (!check.ok) {
      const count = check.issues.length;
      throw new ValidationError(
        `The submission cannot be sent yet: ${count} answer${count === 1 ? ' needs' : 's need'} attention`,
        check.issues,
      );
    }
    return {
      change: { kind: 'SUBMIT', revisionId: draft.id, formData: check.form, submitted: { at, by, reason } },
      revisionId: draft.id,
    };
  };
}

/** First submission of a draft. */
export function submitContract(
  stores: ContractWriteStores,
  user: User,
  basis: WriteBasis,
): Promise<ContractDetails> {
  return writeContract(stores, user, 'SUBMIT', basis, null, planSubmission(null));
}

/** Submission of an unlocked filing again, with the reason for the changes. */
export function resubmitContract(
  stores: ContractWriteStores,
  user: User,
  basis: WriteBasis,
  reason: string,
): Promise<ContractDetails> {
  return writeContract(stores, user, 'RESUBMIT', basis, reason, planSubmission(reason));
}
