// @vitest-environment happy-dom
import type { DiscardedDraft, EventView } from '@docket/domain';
import { cleanup, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { SubmissionHistory } from './submission-history';

afterEach(cleanup);

const admin = { userId: 'u1', email: 'ada@cms.gov', name: 'Ada Admin', role: 'ADMIN' as const };
const state = { userId: 'u2', email: 'sam@mn.gov', name: 'Sam State', role: 'STATE_USER' as const };
const rate = { id: 'rate-1', name: 'MCR-MN-0005-MSHO-RATE' };
const other = { id: 'contract-2', name: 'MCR-MN-0007-MSHO' };

function event(overrides: Partial<EventView> & Pick<EventView, 'id' | 'action' | 'at'>): EventView {
  return { actor: state, reason: null, revisionId: null, details: {}, notes: [], ...overrides };
}

const draft: DiscardedDraft = {
  id: 'rev-2',
  number: 2,
  fromNumber: 1,
  unlocked: { at: '2025-02-02T10:00:00.000Z', by: admin, reason: 'Fix it' },
  reversed: { at: '2025-02-03T10:00:00.000Z', by: admin, reason: 'Unlocked the wrong submission' },
  changes: {
    answers: [
      {
        key: 'submissionDescription',
        section: 'SUBMISSION_DETAILS',
        label: 'Submission description',
        before: ['As filed'],
        after: ['Edited, never resubmitted'],
      },
    ],
    contacts: [],
    documents: [],
    rates: [],
    unchanged: false,
  },
};

function renderHistory(events: EventView[], drafts: DiscardedDraft[] = []) {
  render(
    <MemoryRouter>
      <SubmissionHistory events={events} discardedDrafts={drafts} />
    </MemoryRouter>,
  );
  return screen.getByTestId('submission-history');
}

describe('the submission history', () => {
  it('names the rates each submission added, linked or removed, and rates that moved, with the other contract', () => {
    const history = renderHistory([
      event({
        id: 'e1',
        action: 'SUBMIT',
        at: '2025-02-01T10:00:00.000Z',
        notes: [
          { kind: 'RATE_ADDED', rate, contract: null },
          { kind: 'RATE_LINKED', rate: { id: 'rate-2', name: 'Linked one' }, contract: null },
        ],
      }),
      event({
        id: 'e2',
        action: 'RESUBMIT',
        at: '2025-02-04T10:00:00.000Z',
        notes: [{ kind: 'RATE_REMOVED', rate: { id: 'rate-2', name: 'Linked one' }, contract: null }],
      }),
      event({
        id: 'e3',
        action: 'REPARENT_RATE',
        at: '2025-02-05T10:00:00.000Z',
        actor: admin,
        notes: [{ kind: 'RATE_TAKEN_OVER', rate, contract: other }],
      }),
    ]);

    const lines = within(history)
      .getAllByTestId('history-notes')
      .map((list) => list.textContent);
    expect(lines).toEqual([
      `Took over rate ${rate.name} from ${other.name}`,
      'Removed rate Linked one',
      `Added rate ${rate.name}Linked rate Linked one`,
    ]);
    expect(screen.getAllByRole('link', { name: rate.name })[0]?.getAttribute('href')).toBe('/rates/rate-1');
    expect(screen.getByRole('link', { name: other.name }).getAttribute('href')).toBe(
      '/submissions/contract-2',
    );
  });

  it('folds what an undone unlock discarded under its undo, with the reason', async () => {
    const history = renderHistory(
      [
        event({
          id: 'e4',
          action: 'UNDO_UNLOCK',
          at: draft.reversed.at,
          actor: admin,
          reason: 'Unlocked the wrong submission',
          revisionId: 'rev-2',
        }),
      ],
      [draft],
    );

    expect(within(history).getByText('Unlocked the wrong submission')).toBeTruthy();
    const details = screen.getByTestId('discarded-draft');
    expect(details.hasAttribute('open')).toBe(false);
    await userEvent.click(within(details).getByText('Discarded draft'));
    expect(details.hasAttribute('open')).toBe(true);
    const table = screen.getByTestId('discarded-rev-2-answers');
    expect(table.textContent).toContain('As filed');
    expect(table.textContent).toContain('Edited, never resubmitted');
  });

  it('shows no discarded draft to a reader who is not given it', () => {
    renderHistory([
      event({ id: 'e5', action: 'UNDO_UNLOCK', at: draft.reversed.at, reason: 'Why', revisionId: 'rev-2' }),
    ]);
    expect(screen.queryByTestId('discarded-draft')).toBeNull();
    expect(screen.getByText('Why')).toBeTruthy();
  });

  it('says which MC-CRS number was set, when an approval was released, which rate was withdrawn, who was assigned', () => {
    const history = renderHistory([
      event({
        id: 'e6',
        action: 'SET_MCCRS_ID',
        at: '2025-03-01T10:00:00.000Z',
        actor: admin,
        details: { mccrsId: '0042' },
      }),
      event({
        id: 'e7',
        action: 'APPROVE',
        at: '2025-03-02T10:00:00.000Z',
        actor: admin,
        details: { dateApprovalReleasedToState: '2025-02-28' },
      }),
      event({
        id: 'e8',
        action: 'WITHDRAW_RATE',
        at: '2025-03-03T10:00:00.000Z',
        actor: admin,
        reason: 'Filed twice',
        notes: [{ kind: 'RATE_WITHDRAWN', rate, contract: null }],
      }),
      event({
        id: 'e9',
        action: 'ASSIGN_REVIEWER',
        at: '2025-03-04T10:00:00.000Z',
        actor: admin,
        details: { userId: 'u9', email: 'rita@cms.example', name: 'Rita Reviewer' },
      }),
    ]);
    const entries = within(history)
      .getAllByRole('listitem')
      .filter((item) => item.parentElement === history)
      .map((item) => item.textContent);
    expect(entries[0]).toMatch(/^Assigned a reviewer.*Reviewer: Rita Reviewer$/);
    expect(entries[1]).toContain(`Withdrew rate ${rate.name}`);
    expect(entries[2]).toContain('Released to the state on 02/28/2025');
    expect(entries[3]).toContain('MC-CRS number: 0042');
  });
});
