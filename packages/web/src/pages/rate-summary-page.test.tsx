// @vitest-environment happy-dom
import type { RateDetailView } from '@docket/domain';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { problem, stubFetch, type StubAnswer } from '../testing/fetch-stub';
import { PROGRAMS } from '../testing/filing-fuzz';
import { renderApp, sessionView, stateUser } from '../testing/render-app';
import { contractView, documentRef, rateRevisionView, rateView, revisionView } from '../testing/views';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const reviewer = { ...stateUser('c1', 'casey@cms.example'), role: 'CMS_USER' as const, stateCode: null };
const cmsActor = {
  userId: 'c1',
  email: 'casey@cms.example',
  name: 'Casey Reviewer',
  role: 'CMS_USER' as const,
};
const program = PROGRAMS[0];

function rateAnswers(certified: string, document: string) {
  return {
    rateType: 'NEW' as const,
    rateCapitationType: 'RATE_CELL' as const,
    rateDateStart: '2026-01-01',
    rateDateEnd: '2026-12-31',
    rateDateCertified: certified,
    rateProgramIDs: program ? [program.id] : [],
    rateDocuments: [documentRef(document, 'a')],
    certifyingActuaryContacts: [
      {
        name: 'Maya Actuary',
        titleRole: 'Actuary',
        email: 'maya@firm.example',
        actuarialFirm: 'MERCER' as const,
      },
    ],
  };
}

/** Rate `rate-1` of contract-1, resubmitted once, linked by contract-2, which then dropped it. */
function rateDetail(): RateDetailView {
  const first = rateRevisionView(
    'rate-1',
    1,
    rateAnswers('2025-11-15', 'certification.pdf'),
    '2025-02-01T15:00:00.000Z',
  );
  const second = rateRevisionView(
    'rate-1',
    2,
    rateAnswers('2025-12-01', 'certification-v2.pdf'),
    '2025-03-01T15:00:00.000Z',
  );
  const parent = { id: 'contract-1', name: 'MCR-MN-0005-MSHO', status: 'RESUBMITTED' as const };
  const other = { id: 'contract-2', name: 'MCR-MN-0006-MSHO', status: 'RESUBMITTED' as const };
  return {
    id: 'rate-1',
    stateCode: 'MN',
    stateNumber: 1,
    name: 'MCR-MN-MSHO-20260101-20261231-CERTIFICATION-20251201',
    status: 'RESUBMITTED',
    reviewStatus: 'UNDER_REVIEW',
    consolidatedStatus: 'RESUBMITTED',
    version: 4,
    abilities: { canWithdraw: false, canUndoWithdraw: false },
    parentContract: parent,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-03-01T15:00:00.000Z',
    revisions: [
      first,
      { ...second, unlocked: { at: '2025-02-20T15:00:00.000Z', by: cmsActor, reason: 'Fix' } },
    ],
    linkedContracts: [
      { ...parent, isParent: true, linkedAt: '2025-02-01T15:00:00.000Z', currentRateRevisionNumber: 2 },
      { ...other, isParent: false, linkedAt: '2025-02-10T15:00:00.000Z', currentRateRevisionNumber: null },
    ],
    history: [
      {
        kind: 'SUBMITTED',
        at: '2025-02-01T15:00:00.000Z',
        actor: cmsActor,
        reason: null,
        contract: parent,
        rateRevisionNumber: 1,
        contracts: [],
      },
      {
        kind: 'LINKED',
        at: '2025-02-10T15:00:00.000Z',
        actor: cmsActor,
        reason: null,
        contract: other,
        rateRevisionNumber: 1,
        contracts: [],
      },
      {
        kind: 'UNLINKED',
        at: '2025-03-05T15:00:00.000Z',
        actor: cmsActor,
        reason: 'Own rate instead',
        contract: other,
        rateRevisionNumber: 1,
        contracts: [],
      },
    ],
  };
}

function serve(answer: () => StubAnswer) {
  return stubFetch(({ method, path }) => {
    if (method === 'GET' && path === '/api/me') return { status: 200, body: sessionView(reviewer, 'token') };
    if (method === 'GET' && path.startsWith('/api/states/MN/programs'))
      return { status: 200, body: PROGRAMS };
    if (method === 'GET' && path === '/api/rates/rate-1') return answer();
    return problem(500, 'INTERNAL', 'No');
  });
}

describe('the rate page', () => {
  it('shows the rate’s name and status, its current answers, the submissions that include it and its history', async () => {
    serve(() => ({ status: 200, body: rateDetail() }));
    renderApp('/rates/rate-1');

    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toContain('MCR-MN-MSHO-20260101-20261231-CERTIFICATION-20251201');
    expect(document.title).toContain('MCR-MN-MSHO-20260101-20261231-CERTIFICATION-20251201');
    expect(screen.getAllByText('Resubmitted').length).toBeGreaterThan(0);

    // The current revision's answers, its documents downloadable through the parent.
    const current = screen.getByTestId('rate-current');
    expect(within(current).getByText(/As submitted on .* by Ann Lee/)).toBeTruthy();
    const download = within(current).getByRole('link', { name: /certification-v2\.pdf/ });
    expect(download.getAttribute('href')).toMatch(/^\/api\/contracts\/contract-1\/documents\//);
    expect(within(current).getByText('Maya Actuary')).toBeTruthy();

    const table = screen.getByTestId('rate-linked-contracts');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['Resubmitted', 'Parent (edits the rate)', expect.any(String), 'Revision 2'],
      ['Resubmitted', 'Linked (read-only)', expect.any(String), 'No longer included'],
    ]);
    expect(within(table).getByRole('link', { name: 'MCR-MN-0006-MSHO' }).getAttribute('href')).toBe(
      '/submissions/contract-2',
    );

    const history = within(screen.getByTestId('rate-history')).getAllByRole('listitem');
    expect(history.map((item) => item.querySelector('p')?.textContent)).toEqual([
      'Removed from a submission (revision 1)',
      'Linked to a submission (revision 1)',
      'Rate submitted (revision 1)',
    ]);
    expect(history[0]?.textContent).toContain('Own rate instead');
    expect(screen.queryByTestId('rate-unlock-banner')).toBeNull();
  });

  it('lists past revisions, each opening to its answers', async () => {
    serve(() => ({ status: 200, body: rateDetail() }));
    renderApp('/rates/rate-1');

    const toggle = await screen.findByRole('button', { name: /^Revision 1: submitted/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-expanded')).toBe('true'));
    expect(screen.getByRole('link', { name: /^certification\.pdf/ })).toBeTruthy();
  });

  it('tells whoever reads an unlocked rate who unlocked it, when and why', async () => {
    const detail = rateDetail();
    const unlocked: RateDetailView = {
      ...detail,
      status: 'UNLOCKED',
      history: [
        ...detail.history,
        {
          kind: 'UNLOCKED',
          at: '2025-04-01T15:00:00.000Z',
          actor: cmsActor,
          reason: 'Certify the new trend',
          contract: detail.parentContract,
          rateRevisionNumber: 3,
          contracts: [],
        },
      ],
    };
    serve(() => ({ status: 200, body: unlocked }));
    renderApp('/rates/rate-1');

    const banner = await screen.findByTestId('rate-unlock-banner');
    expect(banner.textContent).toContain('What CMS asked: Certify the new trend');
    expect(banner.textContent).toContain('Unlocked with MCR-MN-0005-MSHO by Casey Reviewer');
  });

  it('says the rate is not found when the server answers 404', async () => {
    serve(() => problem(404, 'NOT_FOUND', 'No such rate'));
    renderApp('/rates/rate-1');
    expect(await screen.findByRole('heading', { name: 'Rate certification not found' })).toBeTruthy();
  });
});

describe('the submission summary', () => {
  it('links each rate it shows to the rate’s own page', async () => {
    const rate = rateView('rate-1', 'contract-1', [
      rateRevisionView(
        'rate-1',
        1,
        rateAnswers('2025-11-15', 'certification.pdf'),
        '2025-02-01T15:00:00.000Z',
      ),
    ]);
    const submitted = revisionView(
      1,
      { submissionType: 'CONTRACT_AND_RATES' },
      {
        submittedAt: '2025-02-01T15:00:00.000Z',
        rateLinks: [{ rateId: 'rate-1', rateRevisionId: 'rate-1-rev-1' }],
      },
    );
    const contract = { ...contractView([submitted], [rate]), status: 'SUBMITTED' as const };
    stubFetch(({ method, path }) => {
      if (method === 'GET' && path === '/api/me')
        return { status: 200, body: sessionView(reviewer, 'token') };
      if (method === 'GET' && path.startsWith('/api/states/MN/programs'))
        return { status: 200, body: PROGRAMS };
      if (method === 'GET' && path === '/api/contracts/contract-1') return { status: 200, body: contract };
      return problem(500, 'INTERNAL', 'No');
    });
    renderApp('/submissions/contract-1');

    const link = await screen.findByRole('link', { name: 'Rate rate-1 revision 1' });
    expect(link.getAttribute('href')).toBe('/rates/rate-1');
  });
});
