import { describe, expect, it } from 'vitest';
import {
  CONTRACT_ACTION_NAMES,
  ROLES,
  TransitionError,
  can,
  consolidatedStatus,
  contractStatus,
  lifecycleState,
  transition,
  type ContractAction,
  type ConsolidatedStatus,
  type Role,
} from '../src';
import { buildContract, completeContractForm, userWithRole, type HistoryStep } from '../src/testing';

interface Filing {
  steps: HistoryStep[];
  chip?: boolean;
  status: ConsolidatedStatus;
}

/** Every status a filing can reach, built from real histories so that derivation is exercised too. */
const FILINGS = {
  draft: { steps: [], status: 'DRAFT' },
  submitted: { steps: ['submit'], status: 'SUBMITTED' },
  'submitted CHIP-only': { steps: ['submit'], chip: true, status: 'NOT_SUBJECT_TO_REVIEW' },
  unlocked: { steps: ['submit', 'unlock'], status: 'UNLOCKED' },
  'unlocked CHIP-only': { steps: ['submit', 'unlock'], chip: true, status: 'UNLOCKED' },
  resubmitted: { steps: ['submit', 'unlock', 'submit'], status: 'RESUBMITTED' },
  approved: { steps: ['submit', 'APPROVE'], status: 'APPROVED' },
  'approval undone': { steps: ['submit', 'APPROVE', 'UNDO_APPROVAL'], status: 'SUBMITTED' },
  withdrawn: { steps: ['submit', 'WITHDRAW'], status: 'WITHDRAWN' },
  'withdrawn CHIP-only': { steps: ['submit', 'WITHDRAW'], chip: true, status: 'WITHDRAWN' },
  'withdrawal undone': {
    steps: ['submit', 'unlock', 'submit', 'WITHDRAW', 'UNDO_WITHDRAW'],
    status: 'RESUBMITTED',
  },
};
type FilingName = keyof typeof FILINGS;

/**
 * The expected table, written out by hand from DOMAIN.md §5: for each filing, which actions the lifecycle allows
 * and the consolidated status after each.
 */
const ALLOWED: Record<FilingName, Partial<Record<ContractAction, ConsolidatedStatus>>> = {
  draft: { SAVE_DRAFT: 'DRAFT', SUBMIT: 'SUBMITTED' },
  submitted: { UNLOCK: 'UNLOCKED', APPROVE: 'APPROVED', WITHDRAW: 'WITHDRAWN', SET_MCCRS_ID: 'SUBMITTED' },
  'submitted CHIP-only': {
    UNLOCK: 'UNLOCKED',
    WITHDRAW: 'WITHDRAWN',
    SET_MCCRS_ID: 'NOT_SUBJECT_TO_REVIEW',
  },
  unlocked: {
    SAVE_DRAFT: 'UNLOCKED',
    RESUBMIT: 'RESUBMITTED',
    UNDO_UNLOCK: 'SUBMITTED',
    SET_MCCRS_ID: 'UNLOCKED',
  },
  'unlocked CHIP-only': {
    SAVE_DRAFT: 'UNLOCKED',
    RESUBMIT: 'NOT_SUBJECT_TO_REVIEW',
    UNDO_UNLOCK: 'NOT_SUBJECT_TO_REVIEW',
    SET_MCCRS_ID: 'UNLOCKED',
  },
  resubmitted: {
    UNLOCK: 'UNLOCKED',
    APPROVE: 'APPROVED',
    WITHDRAW: 'WITHDRAWN',
    SET_MCCRS_ID: 'RESUBMITTED',
  },
  approved: { UNDO_APPROVAL: 'SUBMITTED', SET_MCCRS_ID: 'APPROVED' },
  'approval undone': {
    UNLOCK: 'UNLOCKED',
    APPROVE: 'APPROVED',
    WITHDRAW: 'WITHDRAWN',
    SET_MCCRS_ID: 'SUBMITTED',
  },
  withdrawn: { UNDO_WITHDRAW: 'SUBMITTED', SET_MCCRS_ID: 'WITHDRAWN' },
  'withdrawn CHIP-only': { UNDO_WITHDRAW: 'NOT_SUBJECT_TO_REVIEW', SET_MCCRS_ID: 'WITHDRAWN' },
  'withdrawal undone': {
    UNLOCK: 'UNLOCKED',
    APPROVE: 'APPROVED',
    WITHDRAW: 'WITHDRAWN',
    SET_MCCRS_ID: 'RESUBMITTED',
  },
};

/** Which roles may take each action, from DOMAIN.md §2 and §5. */
const ROLES_FOR: Record<ContractAction, Role[]> = {
  SAVE_DRAFT: ['STATE_USER'],
  SUBMIT: ['STATE_USER'],
  RESUBMIT: ['STATE_USER'],
  UNLOCK: ['CMS_USER', 'CMS_APPROVER'],
  UNDO_UNLOCK: ['ADMIN', 'HELPDESK'],
  APPROVE: ['CMS_APPROVER', 'ADMIN'],
  UNDO_APPROVAL: ['ADMIN'],
  WITHDRAW: ['CMS_USER', 'CMS_APPROVER'],
  UNDO_WITHDRAW: ['CMS_USER', 'CMS_APPROVER'],
  SET_MCCRS_ID: ['CMS_USER', 'CMS_APPROVER'],
};

function filing(name: FilingName) {
  const { steps, chip } = FILINGS[name] as Filing;
  return buildContract(steps, completeContractForm(chip ? { populationCovered: 'CHIP' } : {}));
}

describe('derived status', () => {
  for (const [name, { status }] of Object.entries(FILINGS)) {
    it(`a ${name} filing shows ${status}`, () => {
      expect(contractStatus(filing(name as FilingName))).toBe(status);
    });
  }

  it('lets UNLOCKED win over NOT_SUBJECT_TO_REVIEW, and review decisions win over the rest', () => {
    expect(consolidatedStatus('UNLOCKED', 'NOT_SUBJECT_TO_REVIEW')).toBe('UNLOCKED');
    expect(consolidatedStatus('RESUBMITTED', 'NOT_SUBJECT_TO_REVIEW')).toBe('NOT_SUBJECT_TO_REVIEW');
    expect(consolidatedStatus('RESUBMITTED', 'APPROVED')).toBe('APPROVED');
    expect(consolidatedStatus('SUBMITTED', 'WITHDRAWN')).toBe('WITHDRAWN');
    expect(consolidatedStatus('RESUBMITTED', 'UNDER_REVIEW')).toBe('RESUBMITTED');
  });
});

describe('transition: every filing × every action', () => {
  for (const name of Object.keys(FILINGS) as FilingName[]) {
    for (const action of CONTRACT_ACTION_NAMES) {
      const expected = ALLOWED[name][action];
      it(`${action} on a ${name} filing ${expected ? `→ ${expected}` : 'is refused'}`, () => {
        const contract = filing(name);
        const chipOnly = (FILINGS[name] as Filing).chip ?? false;
        const result = transition(lifecycleState(contract), action, { chipOnly });
        if (expected) {
          expect(result.ok).toBe(true);
          if (result.ok)
            expect(consolidatedStatus(result.next.submission, result.next.review)).toBe(expected);
        } else {
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.error).toBeInstanceOf(TransitionError);
            expect(result.error.code).toBe('INVALID_TRANSITION');
          }
        }
      });
    }
  }

  it('counts submissions so that undoing an unlock returns to the right status', () => {
    const once = transition(lifecycleState(filing('unlocked')), 'UNDO_UNLOCK');
    const twice = transition(
      lifecycleState(buildContract(['submit', 'unlock', 'submit', 'unlock'])),
      'UNDO_UNLOCK',
    );
    expect(once.ok && once.next.submission).toBe('SUBMITTED');
    expect(twice.ok && twice.next.submission).toBe('RESUBMITTED');
  });
});

describe('policy: every filing × every action × every role', () => {
  for (const name of Object.keys(FILINGS) as FilingName[]) {
    for (const action of CONTRACT_ACTION_NAMES) {
      for (const role of ROLES) {
        const allowed = ALLOWED[name][action] !== undefined && ROLES_FOR[action].includes(role);
        it(`${role} ${allowed ? 'may' : 'may not'} ${action} a ${name} filing`, () => {
          expect(can(userWithRole(role), action, filing(name))).toBe(allowed);
        });
      }
    }
  }

  it('refuses a state user of another state, and a disabled user, everything', () => {
    const contract = filing('draft');
    expect(can(userWithRole('STATE_USER', 'FL'), 'SAVE_DRAFT', contract)).toBe(false);
    const disabled = { ...userWithRole('STATE_USER'), disabled: true };
    expect(can(disabled, 'SAVE_DRAFT', contract)).toBe(false);
  });
});
