import { describe, expect, it } from 'vitest';
import { chooseNewParent, mayAdopt, planRateFates, rateReviewStatus, type Contract } from '../src';
import { buildContract, buildRate, type HistoryStep } from '../src/testing';

const RATE = '0190aaaa-0000-7000-8000-000000000001';

/** A contract with this history whose latest revision links RATE (unless `links` is false). */
function linker(
  steps: HistoryStep[],
  options: { links?: boolean; firstSubmittedAt?: string } = {},
): Contract {
  const contract = buildContract(steps);
  const latest = contract.revisions.at(-1)!;
  if (options.links !== false) latest.rateLinks = [{ rateId: RATE, rateRevisionId: null }];
  const first = contract.revisions[0]!;
  if (options.firstSubmittedAt && first.submitted) first.submitted.at = options.firstSubmittedAt;
  return contract;
}

describe('which contracts may adopt a rate whose parent is withdrawn', () => {
  const cases: [string, HistoryStep[], boolean][] = [
    ['a draft never submitted', [], false],
    ['a submitted contract', ['submit'], true],
    ['a resubmitted contract', ['submit', 'unlock', 'submit'], true],
    ['an unlocked contract (its draft links the rate)', ['submit', 'unlock'], true],
    ['an approved contract', ['submit', 'APPROVE'], true],
    ['a withdrawn contract', ['submit', 'WITHDRAW'], false],
    ['a contract whose withdrawal was undone', ['submit', 'WITHDRAW', 'UNDO_WITHDRAW'], true],
  ];
  it.each(cases)('%s: %s', (_, steps, expected) => {
    expect(mayAdopt(linker(steps), RATE)).toBe(expected);
  });

  it('never a contract whose latest revision no longer links the rate', () => {
    expect(mayAdopt(linker(['submit'], { links: false }), RATE)).toBe(false);
  });
});

describe('the new parent rule', () => {
  it('prefers submitted over unlocked over approved, whatever came first', () => {
    const approved = linker(['submit', 'APPROVE'], { firstSubmittedAt: '2026-01-01T00:00:00.000Z' });
    const unlocked = linker(['submit', 'unlock'], { firstSubmittedAt: '2026-01-02T00:00:00.000Z' });
    const submitted = linker(['submit'], { firstSubmittedAt: '2026-01-03T00:00:00.000Z' });
    expect(chooseNewParent(RATE, [approved, unlocked, submitted])).toBe(submitted);
    expect(chooseNewParent(RATE, [approved, unlocked])).toBe(unlocked);
    expect(chooseNewParent(RATE, [approved])).toBe(approved);
  });

  it('ranks resubmitted and not subject to review with submitted, then takes the earliest first submission', () => {
    const later = linker(['submit'], { firstSubmittedAt: '2026-03-01T00:00:00.000Z' });
    const earlier = linker(['submit', 'unlock', 'submit'], { firstSubmittedAt: '2026-02-01T00:00:00.000Z' });
    expect(chooseNewParent(RATE, [later, earlier])).toBe(earlier);
    expect(chooseNewParent(RATE, [earlier, later])).toBe(earlier);
  });

  it('breaks a tie by id, so the answer never depends on the order read', () => {
    const one = linker(['submit']);
    const two = linker(['submit']);
    const [low] = [one, two].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(chooseNewParent(RATE, [one, two])).toBe(low);
    expect(chooseNewParent(RATE, [two, one])).toBe(low);
  });

  it('finds none among drafts and withdrawn contracts', () => {
    expect(chooseNewParent(RATE, [linker([]), linker(['submit', 'WITHDRAW'])])).toBeUndefined();
  });
});

describe('the fates of a withdrawn contract’s rates', () => {
  it('moves each rate it owns that a live contract links, withdraws the others, and ignores rates it only links', () => {
    const owner = buildContract(['submit']);
    const moving = { ...buildRate(['submit']), id: RATE, parentContractId: owner.id };
    const staying = { ...buildRate(['submit']), parentContractId: owner.id };
    const linkedOnly = buildRate(['submit']);
    const adopter = linker(['submit']);
    const fates = planRateFates(
      owner,
      [moving, staying, linkedOnly],
      new Map([
        [RATE, [owner, adopter]],
        [staying.id, [linker(['submit', 'WITHDRAW'])]],
      ]),
    );
    expect(fates).toEqual([
      { rateId: RATE, newParentId: adopter.id },
      { rateId: staying.id, newParentId: null },
    ]);
  });

  it('says a rate is withdrawn while its parent is', () => {
    const rate = buildRate(['submit']);
    expect(rateReviewStatus(buildContract(['submit', 'WITHDRAW']), rate)).toBe('WITHDRAWN');
    expect(rateReviewStatus(buildContract(['submit', 'WITHDRAW', 'UNDO_WITHDRAW']), rate)).toBe(
      'UNDER_REVIEW',
    );
  });
});
