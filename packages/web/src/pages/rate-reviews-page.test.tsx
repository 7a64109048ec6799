// @vitest-environment happy-dom
import type { RateSummaryView } from '@docket/domain';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { problem, stubFetch, type SeenRequest } from '../testing/fetch-stub';
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

function row(n: number, overrides: Partial<RateSummaryView> = {}): RateSummaryView {
  return {
    id: `rate-${n}`,
    stateCode: 'MN',
    stateNumber: n,
    name: `MCR-MN-MSHO-2026010${n}-20261231-CERTIFICATION-20251115`,
    programNames: ['MSHO'],
    rateType: 'NEW',
    ratingPeriodStart: `2026-01-0${n}`,
    ratingPeriodEnd: '2026-12-31',
    firstSubmittedAt: '2026-01-03T10:00:00.000Z',
    updatedAt: '2026-01-04T10:00:00.000Z',
    status: 'SUBMITTED',
    parentContract: { id: `contract-${n}`, name: `MCR-MN-000${n}-MSHO` },
    ...overrides,
  };
}

/** Docket for the rate reviews page: the session of `user`, and pages of rates: the first, then one more. */
function docket(user: typeof reviewer | ReturnType<typeof stateUser>): SeenRequest[] {
  return stubFetch((request) => {
    if (request.path === '/api/me') return { status: 200, body: sessionView(user, 'token') };
    if (request.path.startsWith('/api/rates?')) {
      const later = new URL(request.path, 'http://docket.test').searchParams.has('cursor');
      return {
        status: 200,
        body: later
          ? { items: [row(3)], nextCursor: null }
          : {
              items: [row(1), row(2, { status: 'WITHDRAWN', rateType: 'AMENDMENT' })],
              nextCursor: 'next-page',
            },
      };
    }
    if (request.path.startsWith('/api/contracts?'))
      return { status: 200, body: { items: [], nextCursor: null } };
    return problem(500, 'INTERNAL', 'Unexpected');
  });
}

const listRequests = (seen: SeenRequest[]) =>
  seen.filter((r) => r.path.startsWith('/api/rates?')).map((r) => new URL(r.path, 'http://docket.test'));

describe('the rate reviews dashboard', () => {
  it('asks the server for the view in the URL, and shows each rate with its columns, sort and count', async () => {
    const seen = docket(reviewer);
    renderApp(
      '/rate-reviews?state=MN&type=NEW&period-from=2025-01-01&period-to=2026-12-31&sort=period&order=asc',
    );
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    const [asked] = listRequests(seen);
    expect(asked?.searchParams.getAll('state')).toEqual(['MN']);
    expect(asked?.searchParams.get('type')).toBe('NEW');
    expect(asked?.searchParams.get('period-from')).toBe('2025-01-01');
    expect(asked?.searchParams.get('period-to')).toBe('2026-12-31');
    expect(asked?.searchParams.get('sort')).toBe('period');
    expect(asked?.searchParams.get('limit')).toBe('25');
    expect(screen.getByRole('columnheader', { name: 'Rating period' }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    expect(screen.getByRole('columnheader', { name: 'Submitted' }).getAttribute('aria-sort')).toBeNull();
    const link = screen.getByRole('link', { name: row(1).name });
    expect(link.getAttribute('href')).toBe('/rates/rate-1');
    const cells = within(table).getAllByRole('row')[1];
    expect(cells?.textContent).toContain('01/01/2026 to 12/31/2026');
    expect(cells?.textContent).toContain('New rate certification');
    expect(within(table).getAllByRole('row')[2]?.textContent).toContain('Withdrawn');
    expect(screen.getByRole('status').textContent).toBe(
      'Showing 2 rate reviews on the first page; more on the next page',
    );
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(
      '/api/rates.csv?state=MN&type=NEW&period-from=2025-01-01&period-to=2026-12-31&sort=period&order=asc',
    );
    expect(screen.getByRole('link', { name: 'Rate reviews' }).getAttribute('aria-current')).toBe('page');
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2025-01-01');
  });

  it('puts a change of filter in the URL from the first page, and pages through the URL', async () => {
    const seen = docket(reviewer);
    const router = renderApp('/rate-reviews');
    await userEvent.click(await screen.findByRole('link', { name: 'Next page' }));
    await waitFor(() => expect(router.state.location.search).toBe('?cursor=next-page'));
    await screen.findByText(row(3).name);
    expect(listRequests(seen).at(-1)?.searchParams.get('cursor')).toBe('next-page');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'WITHDRAWN');
    await waitFor(() => expect(router.state.location.search).toBe('?status=WITHDRAWN'));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2024-07-01' } });
    await waitFor(() =>
      expect(router.state.location.search).toBe('?status=WITHDRAWN&period-from=2024-07-01'),
    );
    await userEvent.selectOptions(screen.getByLabelText('Rate type'), 'AMENDMENT');
    await userEvent.selectOptions(screen.getByLabelText('Sort by'), 'name:asc');
    await waitFor(() =>
      expect(router.state.location.search).toBe(
        '?type=AMENDMENT&status=WITHDRAWN&period-from=2024-07-01&sort=name&order=asc',
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toBe('?sort=name&order=asc'));
  });

  it('is CMS’s: a state user is sent to its own dashboard without asking for rates', async () => {
    const seen = docket(stateUser());
    const router = renderApp('/rate-reviews');
    await waitFor(() => expect(router.state.location.pathname).toBe('/dashboard'));
    expect(listRequests(seen)).toEqual([]);
  });
});
