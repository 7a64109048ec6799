import { z } from 'zod';
import {
  approveRequestSchema,
  mccrsIdRequestSchema,
  reasonRequestSchema,
  saveDraftRequestSchema,
  submitRequestSchema,
} from './contract-requests';
import type { Role } from './users';

/**
 * Every action on an existing contract, in one table: who may take it, whether it needs a reason, the ability it
 * grants the caller, its HTTP operation and request body, and how the web app offers it. The policy, the abilities
 * every answer carries, the server's routes and the web's buttons and dialogs are all derived from this table, so
 * an action is added here and nowhere else (with its command in `commands/`). Creating a contract is not an action
 * on one: see `canCreateContract`.
 *
 * Whether the action may happen given the contract's status is the lifecycle's business (`transition`).
 */

/** Whether an action must be given a reason, which history records with it. */
export type ReasonRule = 'always' | 'admins' | 'never';

/**
 * How the web app asks for the action: `edit` opens the editor, `submit` confirms on the editor's review step,
 * `reason` asks for a reason in a dialog, `approve` asks for the release date (and a note), `mccrs` for the number.
 */
export type ActionForm = 'edit' | 'submit' | 'reason' | 'approve' | 'mccrs';

/** The words of the action's button and of the dialog that confirms it. */
export interface ActionCopy {
  /** The button that starts the action. */
  button: string;
  heading: string;
  description: string;
  /** The reason field's label, for actions that take a reason (or a note). */
  reasonLabel?: string;
  /** The dialog's confirming button. */
  confirm: string;
  /** The confirming button's text while the action runs. */
  busy: string;
  /** The notice shown once it is done. */
  done: string;
  /** Shown as a secondary (outline) button. */
  secondary?: boolean;
}

export interface ContractActionSpec {
  roles: readonly Role[];
  reason: ReasonRule;
  /** The ability (in every contract answer's `abilities`) that says whether the caller may take the action now. */
  ability: `can${string}`;
  http: {
    method: 'PUT' | 'POST';
    /** The path under `/api/contracts/{id}/`. */
    path: string;
    /** The OpenAPI tag and summary of the operation, and its description if the summary is not enough. */
    tag: 'contracts' | 'lifecycle' | 'review';
    summary: string;
    description?: string;
  };
  /** The request body: the version the change is based on, and the action's input. */
  body: z.ZodObject<{ version: z.ZodNumber }>;
  /** Where the web app offers it: on the filing's summary page, or in the editor. */
  place: 'summary' | 'editor';
  form: ActionForm;
  copy: ActionCopy;
}

export const CONTRACT_ACTIONS = {
  SAVE_DRAFT: {
    roles: ['STATE_USER'],
    reason: 'never',
    ability: 'canEdit',
    http: {
      method: 'PUT',
      path: 'draft',
      tag: 'contracts',
      summary: 'Save the draft answers',
      description:
        'Replaces the answers of the draft or unlocked revision and its rates (new ones are created, owned ones ' +
        'left out removed). `version` is the version the edit is based on: a stale one answers 409 and writes ' +
        'nothing. Programs must be the state’s own and not retired, documents uploads of the state (with the ' +
        'receipt of the upload) or already in the filing, linked rates submitted rates of the state (422).',
    },
    body: saveDraftRequestSchema,
    place: 'editor',
    form: 'edit',
    copy: {
      button: 'Edit submission',
      heading: 'Edit the submission',
      description: 'Change the answers, documents and rates of the draft.',
      confirm: 'Save',
      busy: 'Saving…',
      done: 'Your answers are saved.',
    },
  },
  SUBMIT: {
    roles: ['STATE_USER'],
    reason: 'never',
    ability: 'canSubmit',
    http: {
      method: 'POST',
      path: 'submit',
      tag: 'lifecycle',
      summary: 'Submit a draft to CMS',
      description: 'Validates every answer; 422 lists each missing or invalid one by its path in the form.',
    },
    body: submitRequestSchema,
    place: 'editor',
    form: 'submit',
    copy: {
      button: 'Submit',
      heading: 'Ready to submit?',
      description: 'Submitting sends the submission to CMS for review.',
      confirm: 'Submit',
      busy: 'Submitting…',
      done: 'The submission was sent to CMS.',
    },
  },
  RESUBMIT: {
    roles: ['STATE_USER'],
    reason: 'always',
    ability: 'canResubmit',
    http: {
      method: 'POST',
      path: 'resubmit',
      tag: 'lifecycle',
      summary: 'Resubmit an unlocked submission, with the reason for the changes',
    },
    body: reasonRequestSchema,
    place: 'editor',
    form: 'submit',
    copy: {
      button: 'Resubmit',
      heading: 'Ready to resubmit?',
      description: 'Resubmitting sends your changes to CMS.',
      reasonLabel: 'Reason for resubmitting',
      confirm: 'Resubmit',
      busy: 'Resubmitting…',
      done: 'The submission was resubmitted to CMS.',
    },
  },
  APPROVE: {
    roles: ['CMS_APPROVER', 'ADMIN'],
    reason: 'admins',
    ability: 'canApprove',
    http: {
      method: 'POST',
      path: 'approve',
      tag: 'review',
      summary: 'Approve: record the release to the state (CMS approver; admin with a reason)',
      description:
        '`dateApprovalReleasedToState` is a YYYY-MM-DD date from 1900-01-01, and not in the future (422 otherwise).',
    },
    body: approveRequestSchema,
    place: 'summary',
    form: 'approve',
    copy: {
      button: 'Release to state',
      heading: 'Release this submission to the state?',
      description: 'Approving records the date the approval was released to the state.',
      reasonLabel: 'Note (optional)',
      confirm: 'Release to state',
      busy: 'Releasing…',
      done: 'The submission was approved and released to the state.',
    },
  },
  UNLOCK: {
    roles: ['CMS_USER', 'CMS_APPROVER'],
    reason: 'always',
    ability: 'canUnlock',
    http: {
      method: 'POST',
      path: 'unlock',
      tag: 'lifecycle',
      summary: 'Unlock a submission so the state can revise it (CMS)',
      description: 'Opens a new draft revision copied from the last submitted one.',
    },
    body: reasonRequestSchema,
    place: 'summary',
    form: 'reason',
    copy: {
      button: 'Unlock submission',
      heading: 'Unlock this submission?',
      description:
        'Unlocking lets the state edit the submission and resubmit it. The state sees your reason on the submission.',
      reasonLabel: 'Reason for unlocking',
      confirm: 'Unlock',
      busy: 'Unlocking…',
      done: 'The submission is unlocked. The state can now edit it and resubmit it.',
    },
  },
  UNDO_UNLOCK: {
    roles: ['ADMIN', 'HELPDESK'],
    reason: 'always',
    ability: 'canUndoUnlock',
    http: {
      method: 'POST',
      path: 'undo-unlock',
      tag: 'lifecycle',
      summary: 'Undo an unlock, discarding the state’s unsubmitted edits (admin, help desk)',
    },
    body: reasonRequestSchema,
    place: 'summary',
    form: 'reason',
    copy: {
      button: 'Undo unlock',
      heading: 'Undo the unlock?',
      description:
        "Undoing the unlock discards the state's unsubmitted edits. The submission returns to review.",
      reasonLabel: 'Reason for undoing the unlock',
      confirm: 'Undo unlock',
      busy: 'Undoing the unlock…',
      done: 'The unlock was undone.',
      secondary: true,
    },
  },
  UNDO_APPROVAL: {
    roles: ['ADMIN'],
    reason: 'always',
    ability: 'canUndoApproval',
    http: { method: 'POST', path: 'undo-approval', tag: 'review', summary: 'Undo an approval (admin)' },
    body: reasonRequestSchema,
    place: 'summary',
    form: 'reason',
    copy: {
      button: 'Undo approval',
      heading: 'Undo the approval?',
      description: 'The submission returns to review.',
      reasonLabel: 'Reason for undoing the approval',
      confirm: 'Undo approval',
      busy: 'Undoing the approval…',
      done: 'The approval was undone.',
      secondary: true,
    },
  },
  WITHDRAW: {
    roles: ['CMS_USER', 'CMS_APPROVER'],
    reason: 'always',
    ability: 'canWithdraw',
    http: { method: 'POST', path: 'withdraw', tag: 'review', summary: 'Withdraw a submission (CMS)' },
    body: reasonRequestSchema,
    place: 'summary',
    form: 'reason',
    copy: {
      button: 'Withdraw submission',
      heading: 'Withdraw this submission?',
      description: 'A withdrawn submission leaves review. You can undo the withdrawal later.',
      reasonLabel: 'Reason for withdrawing',
      confirm: 'Withdraw',
      busy: 'Withdrawing…',
      done: 'The submission was withdrawn.',
      secondary: true,
    },
  },
  UNDO_WITHDRAW: {
    roles: ['CMS_USER', 'CMS_APPROVER'],
    reason: 'always',
    ability: 'canUndoWithdraw',
    http: { method: 'POST', path: 'undo-withdraw', tag: 'review', summary: 'Undo a withdrawal (CMS)' },
    body: reasonRequestSchema,
    place: 'summary',
    form: 'reason',
    copy: {
      button: 'Undo withdrawal',
      heading: 'Undo the withdrawal?',
      description: 'The submission returns to review as it was before it was withdrawn.',
      reasonLabel: 'Reason for undoing the withdrawal',
      confirm: 'Undo withdrawal',
      busy: 'Undoing the withdrawal…',
      done: 'The withdrawal was undone.',
    },
  },
  SET_MCCRS_ID: {
    roles: ['CMS_USER', 'CMS_APPROVER'],
    reason: 'never',
    ability: 'canSetMccrsId',
    http: {
      method: 'PUT',
      path: 'mccrs-id',
      tag: 'review',
      summary: 'Set the four-digit MC-CRS number (CMS)',
    },
    body: mccrsIdRequestSchema,
    place: 'summary',
    form: 'mccrs',
    copy: {
      button: 'Add MC-CRS number',
      heading: 'Record the MC-CRS number',
      description: 'The number of this submission in the MC-CRS system, for cross-reference.',
      confirm: 'Save number',
      busy: 'Saving…',
      done: 'The MC-CRS record number is saved.',
      secondary: true,
    },
  },
} as const satisfies Record<string, ContractActionSpec>;

export type ContractAction = keyof typeof CONTRACT_ACTIONS;
type Specs = typeof CONTRACT_ACTIONS;

/** Every action's name, in the table's order. */
export const CONTRACT_ACTION_NAMES = Object.keys(CONTRACT_ACTIONS) as ContractAction[];

/** The request body `action` takes, as the server has parsed it. */
export type ContractActionRequest<A extends ContractAction> = z.output<Specs[A]['body']>;
/** What a command is given besides the context: the request body without its version. */
export type ContractActionInput<A extends ContractAction> = Omit<ContractActionRequest<A>, 'version'>;

export type AbilityName = Specs[ContractAction]['ability'];

/** The caller's abilities on one contract, as every answer carries them: whether it may read it, and each action. */
export type ContractAbilities = { canRead: boolean } & { [K in AbilityName]: boolean };

/** The abilities object's schema: `canRead`, then one boolean per action of the table. */
export const abilitiesSchema = z.object({
  canRead: z.boolean(),
  ...(Object.fromEntries(
    CONTRACT_ACTION_NAMES.map((action) => [CONTRACT_ACTIONS[action].ability, z.boolean()]),
  ) as { [K in AbilityName]: z.ZodBoolean }),
});

/** Whether an action needs a reason from this user (an admin approving must say why). */
export function reasonRequired(user: { role: Role }, action: ContractAction): boolean {
  const rule: ReasonRule = CONTRACT_ACTIONS[action].reason;
  return rule === 'always' || (rule === 'admins' && user.role === 'ADMIN');
}
