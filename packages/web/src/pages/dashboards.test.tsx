// @vitest-environment happy-dom
import type { ContractSummaryView } from '@docket/domain';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { problem, stubFetch, type SeenRequest } from '../testing/fetch-stub';
import { PROGRAMS } from '../testing/filing-fuzz';
import { renderApp, sessionView, stateUser } from '../testing/render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const reviewer = {
  ...stateUser('c1', 'casey@cms.example'),
  role: 'CMS_USER' as const,
  stateCode: null,
  division: 'DMCO' as const,
  assignedStates: ['WI'],
};

function row(n: number, overrides: Partial<ContractSummaryView> = {}): ContractSummaryView {
  return {
    id: `contract-${n}`,
    stateCode: 'MN',
    name: `MCR-MN-000${n}-MSHO`,
    status: 'SUBMITTED',
    submissionType: 'CONTRACT_ONLY',
    programNames: ['MSHO'],
    createdAt: '2026-01-02T10:00:00.000Z',
    updatedAt: '2026-01-03T10:00:00.000Z',
    firstSubmittedAt: '2026-01-03T10:00:00.000Z',
    lastSubmittedAt: '2026-01-03T10:00:00.000Z',
    ...overrides,
  };
}

/** Docket for a dashboard: the session of `user`, programs, and pages of rows: the first, then one more. */
function docket(user: typeof reviewer | ReturnType<typeof stateUser>): SeenRequest[] {
  return stubFetch((request) => {
    if (request.path === '/api/me') return { status: 200, body: sessionView(user, 'token') };
    if (request.path.startsWith('/api/states/MN/programs')) return { status: 200, body: PROGRAMS };
    if (request.path.startsWith('/api/contracts?')) {
      const later = new URL(request.path, 'http://docket.test').searchParams.has('cursor');
      return {
        status: 200,
        body: later
          ? { items: [row(3)], nextCursor: null }
          : { items: [row(1), row(2, { status: 'UNLOCKED' })], nextCursor: 'next-page' },
      };
    }
    return problem(500, 'INTERNAL', 'Unexpected');
  });
}

const listRequests = (seen: SeenRequest[]) =>
  seen.filter((r) => r.path.startsWith('/api/contracts?')).map((r) => new URL(r.path, 'http://docket.test'));

describe('the CMS dashboard', () => {
  it('asks the server for the view in the URL, and says how it is sorted and how many rows it shows', async () => {
    const seen = docket(reviewer);
    renderApp('/submissions?state=MN&state=WI&status=SUBMITTED&sort=name&order=asc');
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    const [asked] = listRequests(seen);
    expect(asked?.searchParams.getAll('state')).toEqual(['MN', 'WI']);
    expect(asked?.searchParams.get('status')).toBe('SUBMITTED');
    expect(asked?.searchParams.get('sort')).toBe('name');
    expect(asked?.searchParams.get('order')).toBe('asc');
    expect(asked?.searchParams.get('limit')).toBe('25');
    expect(screen.getByRole('columnheader', { name: 'Submission' }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    expect(screen.getByRole('columnheader', { name: 'Last updated' }).getAttribute('aria-sort')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe(
      'Showing 2 submissions on the first page; more on the next page',
    );
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(
      '/api/contracts.csv?state=MN&state=WI&status=SUBMITTED&sort=name&order=asc',
    );
    const states = screen.getByLabelText('States');
    expect([...(states as HTMLSelectElement).selectedOptions].map((o) => o.value)).toEqual(['MN', 'WI']);
  });

  it('goes to the next page and back to the first through the URL', async () => {
    const seen = docket(reviewer);
    const router = renderApp('/submissions?status=SUBMITTED');
    await userEvent.click(await screen.findByRole('link', { name: 'Next page' }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=SUBMITTED&cursor=next-page'));
    await screen.findByText('MCR-MN-0003-MSHO');
    expect(listRequests(seen).at(-1)?.searchParams.get('cursor')).toBe('next-page');
    expect(screen.getByRole('status').textContent).toBe('Showing 1 submission on this page');
    await userEvent.click(screen.getByRole('link', { name: 'First page' }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=SUBMITTED'));
    await screen.findByText('MCR-MN-0001-MSHO');
  });

  it('puts a change of filter or order in the URL, starting again from the first page', async () => {
    docket(reviewer);
    const router = renderApp('/submissions?cursor=next-page');
    await screen.findByText('MCR-MN-0003-MSHO');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'UNLOCKED');
    await waitFor(() => expect(router.state.location.search).toBe('?status=UNLOCKED'));
    await userEvent.click(screen.getByLabelText('Only my states'));
    await waitFor(() => expect(router.state.location.search).toBe('?mine=1&status=UNLOCKED'));
    await userEvent.selectOptions(screen.getByLabelText('Sort by'), 'submitted:asc');
    await waitFor(() =>
      expect(router.state.location.search).toBe('?mine=1&status=UNLOCKED&sort=submitted&order=asc'),
    );
    await userEvent.selectOptions(screen.getByLabelText('Submission type'), 'CONTRACT_AND_RATES');
    await waitFor(() =>
      expect(router.state.location.search).toBe(
        '?mine=1&type=CONTRACT_AND_RATES&status=UNLOCKED&sort=submitted&order=asc',
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toBe('?sort=submitted&order=asc'));
  });
});

describe('the state dashboard', () => {
  it('filters by program and type on the server, drafts included, with no state filter to offer', async () => {
    const seen = docket(stateUser());
    const router = renderApp('/dashboard');
    await screen.findByRole('table');
    expect(screen.queryByLabelText('States')).toBeNull();
    expect(screen.queryByLabelText('Only my states')).toBeNull();
    const program = PROGRAMS[0];
    if (!program) throw new Error('no program');
    await userEvent.selectOptions(screen.getByLabelText('Program'), program.id);
    await waitFor(() => expect(router.state.location.search).toBe(`?program=${program.id}`));
    await waitFor(() => expect(listRequests(seen).at(-1)?.searchParams.get('program')).toBe(program.id));
    expect(screen.getByRole('option', { name: 'Draft' })).toBeTruthy();
  });
});
