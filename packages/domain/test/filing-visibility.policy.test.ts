import { describe, expect, it } from 'vitest';
import {
  canReadContract,
  REFERENCE_PROGRAMS,
  ROLES,
  seesWorkInProgress,
  summaryFactsOf,
  summaryRowFor,
  visibleFiling,
  visibleHistory,
  type AuditEvent,
  type Contract,
  type EventAction,
  type Rate,
  type Role,
} from '../src';
import { buildContract, buildRate, userWithRole, type HistoryStep } from '../src/testing';

/**
 * Who sees what of a filing (DOMAIN §2): the state's unsubmitted work — the draft revision of the contract and
 * the draft revisions of its rates — is seen by the state and by the roles that read everything, never by the
 * reviewers, who see the last submission and the unlock that reopened it.
 */

/** Every role, and whether it sees a Minnesota filing's work in progress; written out from DOMAIN §2. */
const SEES_DRAFTS: Record<Role, boolean> = {
  STATE_USER: true,
  CMS_USER: false,
  CMS_APPROVER: false,
  ADMIN: true,
  HELPDESK: true,
  READONLY: true,
};

/**
 * Filings of every submission and review status, each with one rate it owns that went through the same
 * submissions and unlocks; the revision numbers each kind of reader sees (a reviewer cannot read a draft at all).
 */
const FILINGS: Record<string, { steps: HistoryStep[]; everything: number[]; submitted: number[] }> = {
  draft: { steps: [], everything: [1], submitted: [] },
  submitted: { steps: ['submit'], everything: [1], submitted: [1] },
  unlocked: { steps: ['submit', 'unlock'], everything: [1, 2], submitted: [1] },
  resubmitted: { steps: ['submit', 'unlock', 'submit'], everything: [1, 2], submitted: [1, 2] },
  'unlocked again': {
    steps: ['submit', 'unlock', 'submit', 'unlock'],
    everything: [1, 2, 3],
    submitted: [1, 2],
  },
  approved: { steps: ['submit', 'APPROVE'], everything: [1], submitted: [1] },
  withdrawn: { steps: ['submit', 'WITHDRAW'], everything: [1], submitted: [1] },
};

/** The contract of `steps` and its rate, each revision of the contract linking the rate's revision of its number. */
function filingOf(steps: HistoryStep[]): { contract: Contract; rate: Rate } {
  const contract = buildContract(steps);
  const rate = buildRate(steps.filter((s): s is 'submit' | 'unlock' => s === 'submit' || s === 'unlock'));
  rate.parentContractId = contract.id;
  contract.revisions = contract.revisions.map((revision, index) => {
    const rateRevision = rate.revisions[index];
    if (!rateRevision) throw new Error('the rate follows the contract');
    const rateRevisionId = revision.submitted ? rateRevision.id : null;
    return { ...revision, rateLinks: [{ rateId: rate.id, rateRevisionId }] };
  });
  return { contract, rate };
}

describe('visibility of a filing: every filing × every role', () => {
  for (const [name, { steps, everything, submitted }] of Object.entries(FILINGS)) {
    for (const role of ROLES) {
      const user = userWithRole(role);
      const { contract, rate } = filingOf(steps);
      if (!canReadContract(user, contract)) {
        it(`${role} cannot read a ${name} filing at all`, () => {
          expect(SEES_DRAFTS[role] || submitted.length > 0).toBe(false);
        });
        continue;
      }
      const expected = SEES_DRAFTS[role] ? everything : submitted;
      it(`${role} sees revisions ${expected.join(', ')} of a ${name} filing and of its rate`, () => {
        const visible = visibleFiling(user, contract, [rate]);
        expect(visible.revisions.map((r) => r.number)).toEqual(expected);
        expect(visible.rates.map(({ rate: r }) => r.id)).toEqual([rate.id]);
        expect(visible.rates[0]?.revisions.map((r) => r.number)).toEqual(expected);
        expect(visible.rates[0]?.revisions.every((r) => SEES_DRAFTS[role] || r.submitted !== null)).toBe(
          true,
        );
      });
      it(`${role} is told of the unlock of a ${name} filing exactly while it is open`, () => {
        const open = contract.revisions.at(-1);
        const unlocked = open?.submitted === null ? open.unlocked : null;
        expect(visibleFiling(user, contract, [rate]).unlocked).toEqual(unlocked);
        expect(unlocked !== null).toBe(name === 'unlocked' || name === 'unlocked again');
      });
    }
  }
});

describe('work in progress', () => {
  it('leaves out, for a reviewer, a rate that only the draft links', () => {
    const { contract, rate } = filingOf(['submit', 'unlock']);
    const fresh = buildRate([]);
    fresh.parentContractId = contract.id;
    const draft = contract.revisions[1];
    if (!draft) throw new Error('no draft');
    draft.rateLinks = [...draft.rateLinks, { rateId: fresh.id, rateRevisionId: null }];

    const ids = (role: Role) =>
      visibleFiling(userWithRole(role), contract, [rate, fresh]).rates.map(({ rate: r }) => r.id);
    expect(ids('CMS_USER')).toEqual([rate.id]);
    expect(ids('CMS_APPROVER')).toEqual([rate.id]);
    expect(ids('STATE_USER')).toEqual([rate.id, fresh.id]);
    expect(ids('HELPDESK')).toEqual([rate.id, fresh.id]);
  });

  it("is another state's users' no more than a reviewer's, and nobody's once disabled", () => {
    expect(seesWorkInProgress(userWithRole('STATE_USER', 'FL'), 'MN')).toBe(false);
    expect(seesWorkInProgress(userWithRole('STATE_USER', 'MN'), 'MN')).toBe(true);
    for (const role of ROLES) {
      expect(seesWorkInProgress({ ...userWithRole(role), disabled: true }, 'MN'), role).toBe(false);
    }
  });
});

/** `contract` as the store holds it once the state saved its latest revision at `savedAt`. */
function savedLater(contract: Contract, rate: Rate, savedAt: string): { contract: Contract; rate: Rate } {
  const latest = contract.revisions.at(-1);
  if (!latest) throw new Error('no revision');
  const rateLatest = rate.revisions.at(-1);
  if (!rateLatest) throw new Error('no rate revision');
  const saved = latest.submitted === null ? { ...latest, updatedAt: savedAt } : latest;
  const rateSaved = rateLatest.submitted === null ? { ...rateLatest, updatedAt: savedAt } : rateLatest;
  return {
    contract: { ...contract, updatedAt: savedAt, revisions: [...contract.revisions.slice(0, -1), saved] },
    rate: { ...rate, updatedAt: savedAt, revisions: [...rate.revisions.slice(0, -1), rateSaved] },
  };
}

const MN_PROGRAMS = REFERENCE_PROGRAMS.filter((p) => p.stateCode === 'MN');
const SAVED_AT = '2026-03-15T12:00:00.000Z';

/** One event of a filing's history. */
function event(action: EventAction, n: number): AuditEvent {
  return {
    id: `event-${n}`,
    at: `2026-02-${String(n + 1).padStart(2, '0')}T00:00:00.000Z`,
    actor: null,
    action,
    reason: null,
    stateCode: 'MN',
    contractId: 'contract',
    revisionId: null,
    details: {},
  };
}

/** A history with every kind of event, draft saves before the first submission and after an unlock. */
const HISTORY: AuditEvent[] = (
  [
    'CREATE_CONTRACT',
    'SAVE_DRAFT',
    'SUBMIT',
    'SET_MCCRS_ID',
    'UNLOCK',
    'SAVE_DRAFT',
    'UNDO_UNLOCK',
    'UNLOCK',
    'SAVE_DRAFT',
    'RESUBMIT',
    'APPROVE',
    'UNDO_APPROVAL',
    'WITHDRAW',
    'UNDO_WITHDRAW',
  ] satisfies EventAction[]
).map(event);

describe("the state's draft activity: every filing × every role", () => {
  for (const [name, { steps }] of Object.entries(FILINGS)) {
    for (const role of ROLES) {
      const user = userWithRole(role);
      const built = filingOf(steps);
      const { contract, rate } = savedLater(built.contract, built.rate, SAVED_AT);
      if (!canReadContract(user, contract)) continue;
      const draft = contract.revisions.at(-1)?.submitted === null ? contract.revisions.at(-1) : undefined;
      const expected = SEES_DRAFTS[role] || draft === undefined ? SAVED_AT : draft.createdAt;

      it(`${role} sees a ${name} filing and its rate updated at ${expected}, in its view and its row alike`, () => {
        const visible = visibleFiling(user, contract, [rate]);
        expect(visible.updatedAt).toBe(expected);
        expect(visible.rates[0]?.updatedAt).toBe(expected);
        expect(summaryRowFor(user, summaryFactsOf(contract), MN_PROGRAMS).updatedAt).toBe(visible.updatedAt);
      });
    }
  }

  for (const role of ROLES) {
    const shown = SEES_DRAFTS[role] ? HISTORY : HISTORY.filter((e) => e.action !== 'SAVE_DRAFT');
    it(`${role} sees ${shown.length} of ${HISTORY.length} events of a filing, in order`, () => {
      expect(visibleHistory(userWithRole(role), 'MN', HISTORY).map((e) => e.id)).toEqual(
        shown.map((e) => e.id),
      );
    });
  }

  it("gives another state's users no more of the history than a reviewer", () => {
    const shown = visibleHistory(userWithRole('STATE_USER', 'FL'), 'MN', HISTORY);
    expect(shown.map((e) => e.action)).not.toContain('SAVE_DRAFT');
    expect(shown).toHaveLength(HISTORY.length - 3);
  });
});
