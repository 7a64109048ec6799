import type { Contract } from '../contract';

/** Programs chosen in any submitted revision: a retired one among them may stay chosen. */
export function previouslyChosenPrograms(contract: Pick<Contract, 'revisions'>): string[] {
  return [...new Set(contract.revisions.filter((r) => r.submitted).flatMap((r) => r.formData.programIDs))];
}
