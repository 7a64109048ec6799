import type { ContractView } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeForm,
  completeRateForm,
  createContract,
  startTestApp,
  type TestApp,
  type UserClient,
} from './helpers';

/**
 * Undo unlock keeps the draft it discards (ADR 0026): `GET /api/contracts/{id}` tells whoever sees the state's work
 * in progress what each discarded draft held, as changes from the submission it was opened from, and its undo
 * event names it; a reviewer, who never sees the state's drafts, is told of the undo and its reason only.
 */

let t: TestApp;
let mn: UserClient;
let cms: UserClient;
let helpdesk: UserClient;
beforeAll(async () => {
  t = await startTestApp();
  mn = await t.loginAs('STATE_USER', { state: 'MN' });
  cms = await t.loginAs('CMS_USER', { division: 'DMCO' });
  helpdesk = await t.loginAs('HELPDESK');
});
afterAll(async () => {
  await t.close();
});

const withRates = (description: string) =>
  completeForm('MN', { submissionType: 'CONTRACT_AND_RATES', submissionDescription: description });

async function act(user: UserClient, contract: ContractView, path: string, body = {}): Promise<ContractView> {
  const method = path === 'draft' ? 'put' : 'post';
  const response = await user[method](`/api/contracts/${contract.id}/${path}`, {
    version: contract.version,
    ...body,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ContractView>();
}

const read = async (user: UserClient, id: string) =>
  (await user.get(`/api/contracts/${id}`)).json<ContractView>();

describe('a discarded draft on the summary page', () => {
  it('is shown, with what it changed, to whoever sees drafts; a second unlock and undo keep both apart', async () => {
    const created = await createContract(mn);
    const saved = await act(mn, created, 'draft', {
      formData: withRates('As filed'),
      rates: [{ kind: 'NEW', rateId: null, formData: completeRateForm('MN') }],
    });
    const submitted = await act(mn, saved, 'submit');
    const rateId = submitted.revisions[0]?.rateLinks[0]?.rateId ?? '';
    await act(cms, submitted, 'unlock', { reason: 'Fix the rate range' });
    const unlocked = await read(mn, submitted.id);
    const edited = await act(mn, unlocked, 'draft', {
      formData: withRates('Edited, never resubmitted'),
      rates: [
        { kind: 'NEW', rateId, formData: completeRateForm('MN', { rateCapitationType: 'RATE_RANGE' }) },
      ],
    });

    const undone = await act(helpdesk, edited, 'undo-unlock', { reason: 'Unlocked the wrong submission' });

    expect(undone.status).toBe('SUBMITTED');
    const [draft] = undone.discardedDrafts;
    expect(undone.discardedDrafts).toHaveLength(1);
    expect(draft).toMatchObject({
      id: edited.revisions[1]?.id,
      number: 2,
      fromNumber: 1,
      unlocked: { reason: 'Fix the rate range' },
      reversed: { reason: 'Unlocked the wrong submission', by: { role: 'HELPDESK' } },
    });
    expect(draft?.changes.answers).toContainEqual(
      expect.objectContaining({
        key: 'submissionDescription',
        before: ['As filed'],
        after: ['Edited, never resubmitted'],
      }),
    );
    const [rateChange] = draft?.changes.rates ?? [];
    expect(rateChange).toMatchObject({ kind: 'REVISED', rateId });
    expect(rateChange?.changes?.answers.map((a) => a.key)).toContain('rateCapitationType');
    const undo = undone.history.find((e) => e.action === 'UNDO_UNLOCK');
    expect(undo).toMatchObject({ revisionId: draft?.id, reason: 'Unlocked the wrong submission' });
    expect((await read(mn, undone.id)).discardedDrafts).toEqual(undone.discardedDrafts);

    // A reviewer is told of the undo and why, not of the state's edits.
    const seen = await read(cms, undone.id);
    expect(seen.history.find((e) => e.action === 'UNDO_UNLOCK')?.reason).toBe(
      'Unlocked the wrong submission',
    );
    expect(seen.discardedDrafts).toEqual([]);

    // Unlocked again, the state gets a fresh draft (as last submitted); undone again, both drafts are kept.
    await act(cms, undone, 'unlock', { reason: 'Now fix it' });
    const again = await read(mn, undone.id);
    expect(again.revisions[1]?.formData.submissionDescription).toBe('As filed');
    expect(again.revisions[1]?.id).not.toBe(draft?.id);
    const twice = await act(helpdesk, again, 'undo-unlock', { reason: 'Still the wrong one' });
    expect(
      twice.discardedDrafts.map((d) => [d.id, d.number, d.reversed.reason, d.changes.unchanged]),
    ).toEqual([
      [draft?.id, 2, 'Unlocked the wrong submission', false],
      [again.revisions[1]?.id, 2, 'Still the wrong one', true],
    ]);
  });
});
