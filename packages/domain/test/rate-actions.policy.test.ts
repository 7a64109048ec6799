import { describe, expect, it } from 'vitest';
import { rateAbilities, ROLES, type RateLinkerFacts, type Role } from '../src';
import { buildRate, buildUser } from '../src/testing';

/** Who may withdraw a rate and undo that, role by role, from each rate status (ADR 0028). */
describe('rate actions × roles', () => {
  const submitted = buildRate(['submit']);
  const withdrawn = {
    ...submitted,
    reviewActions: [
      {
        id: '0190aaaa-0000-7000-8000-0000000000aa',
        action: 'WITHDRAW' as const,
        at: '2026-03-01T00:00:00.000Z',
        by: { userId: 'u', email: 'cms@example.test', name: 'CMS', role: 'CMS_USER' as const },
        reason: 'Wrong year',
        contractIds: [submitted.parentContractId],
      },
    ],
  };
  const parent: RateLinkerFacts = { id: submitted.parentContractId, status: 'SUBMITTED', linksNow: true };
  const expected: Record<Role, { withdraw: boolean; undo: boolean }> = {
    STATE_USER: { withdraw: false, undo: false },
    CMS_USER: { withdraw: true, undo: true },
    CMS_APPROVER: { withdraw: true, undo: true },
    ADMIN: { withdraw: false, undo: false },
    HELPDESK: { withdraw: false, undo: false },
    READONLY: { withdraw: false, undo: false },
  };

  for (const role of ROLES) {
    it(`${role}: withdraw ${expected[role].withdraw ? 'yes' : 'no'}, undo ${expected[role].undo ? 'yes' : 'no'}`, () => {
      const user = buildUser({ role, stateCode: role === 'STATE_USER' ? submitted.stateCode : null });
      expect(rateAbilities(user, submitted, 'SUBMITTED', [parent])).toEqual({
        canWithdraw: expected[role].withdraw,
        canUndoWithdraw: false,
      });
      expect(rateAbilities(user, withdrawn, 'SUBMITTED', [parent])).toEqual({
        canWithdraw: false,
        canUndoWithdraw: expected[role].undo,
      });
    });
  }

  it('refuses a draft rate, an approved linker, and an undo of a rate withdrawn with its parent', () => {
    const cms = buildUser({ role: 'CMS_USER', stateCode: null });
    expect(rateAbilities(cms, buildRate([]), 'DRAFT', []).canWithdraw).toBe(false);
    const approved = { id: 'b', status: 'APPROVED' as const, linksNow: true };
    expect(rateAbilities(cms, submitted, 'SUBMITTED', [parent, approved]).canWithdraw).toBe(false);
    expect(
      rateAbilities(cms, submitted, 'SUBMITTED', [parent, { ...approved, linksNow: false }]).canWithdraw,
    ).toBe(true);
    expect(rateAbilities(cms, submitted, 'WITHDRAWN', [parent])).toEqual({
      canWithdraw: false,
      canUndoWithdraw: false,
    });
  });
});
