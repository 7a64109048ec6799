import type { ContractFormData, ContractView, ProgramView } from '@docket/domain';
import type { FilingDraft } from '../forms/filing-draft';

/** What every step of the editor is given. */
export interface StepProps {
  draft: FilingDraft;
  /** Changes the draft; takes an update, since uploads finish after other edits. */
  update: (change: (draft: FilingDraft) => FilingDraft) => void;
  /** Inline errors by field id. */
  errors: ReadonlyMap<string, string>;
  /** Every program of the state, retired ones included. */
  programs: readonly ProgramView[];
  /** The contract being edited; null while a new submission is not created yet. */
  contract: ContractView | null;
  stateCode: string;
}

/** An update of the contract answers only. */
export function updateForm(
  update: StepProps['update'],
  change: (form: ContractFormData) => ContractFormData,
): void {
  update((draft) => ({ ...draft, form: change(draft.form) }));
}
