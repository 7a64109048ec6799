import { describe, expect, it } from 'vitest';
import { discardedDrafts, historyNotes, type AuditEvent, type Contract, type Rate } from '../src';
import { buildActor, buildContract, buildRate, completeContractForm } from '../src/testing';

const stamp = (day: number) => ({ at: `2026-02-0${day}T00:00:00.000Z`, by: buildActor(), reason: null });

/** Contract revision 1 submitted with rates `first`, revision 2 resubmitted with `second` (day 1 and day 2). */
function resubmittedWith(first: Rate[], second: Rate[]): Contract {
  const contract = buildContract(['submit', 'unlock', 'submit']);
  const [one, two] = contract.revisions;
  if (!one || !two) throw new Error('two revisions');
  one.submitted = stamp(1);
  two.submitted = stamp(2);
  one.rateLinks = first.map((r) => ({ rateId: r.id, rateRevisionId: r.revisions[0]!.id }));
  two.rateLinks = second.map((r) => ({ rateId: r.id, rateRevisionId: r.revisions[0]!.id }));
  return contract;
}

const event = (id: string, action: AuditEvent['action'], revisionId: string | null, details = {}) => ({
  id,
  action,
  revisionId,
  details,
});

describe('historyNotes', () => {
  it('tells the rates a submission added (its own), linked (another’s) and dropped', () => {
    const own = buildRate(['submit']);
    own.revisions[0]!.submitted = stamp(1);
    const linked = buildRate(['submit']);
    const contract = resubmittedWith([own], [linked]);
    const [one, two] = contract.revisions;

    const notes = historyNotes({
      contract,
      events: [
        event('e1', 'SUBMIT', one!.id),
        event('e2', 'RESUBMIT', two!.id),
        event('e3', 'APPROVE', null),
      ],
      rates: [own, linked],
      programs: [],
      contractNames: new Map(),
    });

    expect([...notes.keys()]).toEqual(['e1', 'e2']);
    expect(notes.get('e1')?.map((n) => [n.kind, n.rate.id])).toEqual([['RATE_ADDED', own.id]]);
    expect(notes.get('e2')?.map((n) => [n.kind, n.rate.id])).toEqual([
      ['RATE_LINKED', linked.id],
      ['RATE_REMOVED', own.id],
    ]);
  });

  it('names the other contract of a re-parenting, from the event or from the contracts known', () => {
    const rate = buildRate(['submit']);
    const contract = resubmittedWith([rate], [rate]);
    const details = (from: string, to: string, names = {}) => ({
      rateId: rate.id,
      fromContractId: from,
      toContractId: to,
      ...names,
    });

    const notes = historyNotes({
      contract,
      events: [
        event(
          'in',
          'REPARENT_RATE',
          null,
          details('old', contract.id, { fromContractName: 'MCR-MN-0001-A' }),
        ),
        event('out', 'REPARENT_RATE', null, details(contract.id, 'NEW')),
      ],
      rates: [rate],
      programs: [],
      contractNames: new Map([['new', 'MCR-MN-0009-B']]),
    });

    expect(notes.get('in')).toEqual([
      {
        kind: 'RATE_TAKEN_OVER',
        rate: { id: rate.id, name: expect.any(String) },
        contract: { id: 'old', name: 'MCR-MN-0001-A' },
      },
    ]);
    expect(notes.get('out')?.[0]).toMatchObject({
      kind: 'RATE_MOVED_AWAY',
      contract: { id: 'NEW', name: 'MCR-MN-0009-B' },
    });
  });
  it('names the rate withdrawn on its own, and brought back', () => {
    const rate = buildRate(['submit']);
    rate.revisions[0]!.submitted = stamp(1);
    const contract = resubmittedWith([rate], [rate]);
    const notes = historyNotes({
      contract,
      events: [
        event('w', 'WITHDRAW_RATE', null, { rateId: rate.id, detachedFrom: contract.id }),
        event('u', 'UNDO_WITHDRAW_RATE', null, { rateId: rate.id }),
        event('bad', 'WITHDRAW_RATE', null, {}),
      ],
      rates: [rate],
      programs: [],
      contractNames: new Map(),
    });
    expect(notes.get('w')).toEqual([
      { kind: 'RATE_WITHDRAWN', rate: { id: rate.id, name: expect.stringMatching(/^MCR-/) }, contract: null },
    ]);
    expect(notes.get('u')?.map((n) => n.kind)).toEqual(['RATE_WITHDRAWAL_UNDONE']);
    expect(notes.has('bad')).toBe(false);
  });
});

describe('discardedDrafts', () => {
  it('tells what each discarded draft changed from the submission it was opened from', () => {
    const rate = buildRate(['submit', 'unlock']);
    const rateDraft = rate.revisions.pop()!;
    const reversal = {
      at: '2026-03-01T00:00:00.000Z',
      by: buildActor({ role: 'ADMIN' }),
      reason: 'By mistake',
    };
    rate.reversedRevisions.push({
      ...rateDraft,
      formData: { ...rateDraft.formData, rateCapitationType: 'RATE_RANGE' },
      reversed: reversal,
    });
    const contract = buildContract(['submit', 'unlock']);
    const [one, draft] = contract.revisions;
    one!.rateLinks = [{ rateId: rate.id, rateRevisionId: rate.revisions[0]!.id }];
    contract.revisions.pop();
    const edited = completeContractForm({ submissionDescription: 'Edited' });
    contract.reversedRevisions.push({
      ...draft!,
      formData: edited,
      rateLinks: [{ rateId: rate.id, rateRevisionId: null }],
      reversed: reversal,
    });

    const [discarded] = discardedDrafts(contract, [rate], []);

    expect(discarded).toMatchObject({ id: draft!.id, number: 2, fromNumber: 1, reversed: reversal });
    expect(discarded?.changes.answers.map((a) => a.key)).toEqual(['submissionDescription']);
    expect(discarded?.changes.rates).toMatchObject([{ kind: 'REVISED', rateId: rate.id }]);
    expect(discarded?.changes.rates[0]?.changes?.answers.map((a) => a.key)).toEqual(['rateCapitationType']);
  });

  it('says a draft left as it was changed nothing, its opened rates included', () => {
    const rate = buildRate(['submit', 'unlock']);
    const rateDraft = rate.revisions.pop()!;
    const reversal = {
      at: '2026-03-01T00:00:00.000Z',
      by: buildActor({ role: 'ADMIN' }),
      reason: 'By mistake',
    };
    rate.reversedRevisions.push({ ...rateDraft, reversed: reversal });
    const contract = buildContract(['submit', 'unlock']);
    contract.revisions[0]!.rateLinks = [{ rateId: rate.id, rateRevisionId: rate.revisions[0]!.id }];
    const draft = contract.revisions.pop()!;
    contract.reversedRevisions.push({
      ...draft,
      rateLinks: [{ rateId: rate.id, rateRevisionId: null }],
      reversed: reversal,
    });

    expect(discardedDrafts(contract, [rate], [])[0]?.changes).toMatchObject({ unchanged: true, rates: [] });
  });
});
