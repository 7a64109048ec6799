import { describe, expect, it } from 'vitest';
import {
  canReadRate,
  canReadSummary,
  currentRateRevisionId,
  rateHistory,
  rateLinkHistories,
  ROLES,
  type ContractRevision,
  type RateLink,
  type Role,
} from '../src';
import { buildActor, userWithRole } from '../src/testing';

/**
 * Which contracts link a rate, and the rate's history, derived from submitted revisions alone
 * (docs/adr/0021-rate-links-read.md); and who may read a rate and the contracts that link it.
 */

const by = buildActor();

/** A contract revision, submitted at `at` (or a draft when null), linking these rates. */
function revision(number: number, at: string | null, links: RateLink[]): ContractRevision {
  return {
    id: `rev-${number}`,
    contractId: 'contract',
    number,
    formData: {} as ContractRevision['formData'],
    rateLinks: links,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    submitted: at === null ? null : { at, by, reason: number > 1 ? `Resubmission ${number}` : null },
    unlocked: null,
  };
}

const link = (rateId: string, rateRevisionId: string): RateLink => ({ rateId, rateRevisionId });

describe('rateLinkHistories', () => {
  it('records each submission that included a rate, the one that dropped it, and ignores the draft', () => {
    const histories = rateLinkHistories({
      revisions: [
        revision(1, '2026-01-01T00:00:00.000Z', [link('a', 'a1'), link('b', 'b1'), link('a', 'a1')]),
        revision(2, '2026-02-01T00:00:00.000Z', [link('a', 'a2')]),
        revision(3, '2026-03-01T00:00:00.000Z', [link('a', 'a2')]),
        revision(4, '2026-04-01T00:00:00.000Z', [link('b', 'b1')]),
        revision(5, null, [link('c', 'c1')]),
      ],
    });

    expect([...histories.keys()]).toEqual(['a', 'b']);
    expect(histories.get('a')?.map((s) => [s.revisionNumber, s.rateRevisionId])).toEqual([
      [1, 'a1'],
      [2, 'a2'],
      [3, 'a2'],
      [4, null],
    ]);
    expect(histories.get('b')?.map((s) => [s.revisionNumber, s.rateRevisionId])).toEqual([
      [1, 'b1'],
      [2, null],
      [4, 'b1'],
    ]);
    expect(currentRateRevisionId(histories.get('a') ?? [])).toBeNull();
    expect(currentRateRevisionId(histories.get('b') ?? [])).toBe('b1');
    expect(histories.get('a')?.[1]?.submitted).toEqual({
      at: '2026-02-01T00:00:00.000Z',
      by,
      reason: 'Resubmission 2',
    });
  });
});

describe('rateHistory', () => {
  it('lists the rate’s submissions and unlocks, and what each contract’s submissions did with it, oldest first', () => {
    const stamp = (at: string, reason: string | null = null) => ({ at, by, reason });
    const history = rateHistory({
      parentContractId: 'parent',
      revisions: [
        { id: 'r1', number: 1, submitted: stamp('2026-01-01T00:00:00.000Z'), unlocked: null },
        {
          id: 'r2',
          number: 2,
          submitted: stamp('2026-03-01T00:00:00.000Z', 'Fixed'),
          unlocked: { at: '2026-02-15T00:00:00.000Z', by, reason: 'Fix the dates' },
        },
      ],
      linkers: [
        {
          contractId: 'parent',
          submissions: [
            // Submitted the rate: its SUBMITTED entries say so.
            {
              revisionId: 'p1',
              revisionNumber: 1,
              submitted: stamp('2026-01-01T00:00:00.000Z'),
              rateRevisionId: 'r1',
            },
            {
              revisionId: 'p2',
              revisionNumber: 2,
              submitted: stamp('2026-03-01T00:00:00.000Z'),
              rateRevisionId: 'r2',
            },
            // Resubmitted without reopening the rate: it went along as it was.
            {
              revisionId: 'p3',
              revisionNumber: 3,
              submitted: stamp('2026-04-01T00:00:00.000Z'),
              rateRevisionId: 'r2',
            },
          ],
        },
        {
          contractId: 'other',
          submissions: [
            {
              revisionId: 'o1',
              revisionNumber: 1,
              submitted: stamp('2026-01-10T00:00:00.000Z'),
              rateRevisionId: 'r1',
            },
            {
              revisionId: 'o2',
              revisionNumber: 2,
              submitted: stamp('2026-03-10T00:00:00.000Z', 'Drop'),
              rateRevisionId: null,
            },
            {
              revisionId: 'o3',
              revisionNumber: 3,
              submitted: stamp('2026-05-10T00:00:00.000Z'),
              rateRevisionId: 'r2',
            },
          ],
        },
      ],
    });

    expect(history.map((e) => [e.kind, e.contractId, e.rateRevisionNumber, e.at.slice(0, 10)])).toEqual([
      ['SUBMITTED', 'parent', 1, '2026-01-01'],
      ['LINKED', 'other', 1, '2026-01-10'],
      ['UNLOCKED', 'parent', 2, '2026-02-15'],
      ['SUBMITTED', 'parent', 2, '2026-03-01'],
      ['UNLINKED', 'other', 1, '2026-03-10'],
      ['INCLUDED', 'parent', 2, '2026-04-01'],
      ['LINKED', 'other', 2, '2026-05-10'],
    ]);
    expect(history[2]?.reason).toBe('Fix the dates');
  });
});

describe('who may read a rate and the contracts that link it', () => {
  /** Written out from DOMAIN §2: [a draft rate, a submitted rate] of Minnesota. */
  const READS: Record<Role, [boolean, boolean]> = {
    STATE_USER: [true, true],
    CMS_USER: [false, true],
    CMS_APPROVER: [false, true],
    ADMIN: [true, true],
    HELPDESK: [true, true],
    READONLY: [true, true],
  };
  const draft = { stateCode: 'MN', revisions: [{ submitted: null }] };
  const submitted = {
    stateCode: 'MN',
    revisions: [{ submitted: { at: '2026-01-01T00:00:00.000Z', by, reason: null } }],
  };

  it.each(ROLES)('%s', (role) => {
    const user = userWithRole(role);
    const [readsDraft, readsSubmitted] = READS[role];
    const rate = (r: typeof draft | typeof submitted) => r as Parameters<typeof canReadRate>[1];
    expect(canReadRate(user, rate(draft))).toBe(readsDraft);
    expect(canReadRate(user, rate(submitted))).toBe(readsSubmitted);
    expect(canReadSummary(user, { stateCode: 'MN', submittedCount: 0 })).toBe(readsDraft);
    expect(canReadSummary(user, { stateCode: 'MN', submittedCount: 2 })).toBe(readsSubmitted);
    // Another state's: only its own state users are kept out.
    const other = userWithRole(role, 'FL');
    expect(canReadSummary(other, { stateCode: 'MN', submittedCount: 2 })).toBe(role !== 'STATE_USER');
    expect(canReadRate({ ...user, disabled: true }, rate(submitted))).toBe(false);
  });
});
