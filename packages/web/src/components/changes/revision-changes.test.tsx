// @vitest-environment happy-dom
import type { ContractRevisionDiff, ContractView } from '@docket/domain';
import { cleanup, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { problem, stubFetch, type SeenRequest } from '../../testing/fetch-stub';
import { contractView, revisionView } from '../../testing/views';
import { RevisionChanges } from './revision-changes';

afterEach(cleanup);

const at = (day: number) => `2025-02-0${day}T15:00:00.000Z`;

/** Three submissions, and the state's draft after them. */
function resubmitted(): ContractView {
  return contractView([
    revisionView(1, {}, { submittedAt: at(1) }),
    revisionView(2, {}, { submittedAt: at(2) }),
    revisionView(3, {}, { submittedAt: at(3) }),
    revisionView(4, {}),
  ]);
}

function side(number: number) {
  return { id: `rev-${number}`, number, submittedAt: at(number) };
}

const CHANGED: ContractRevisionDiff = {
  from: side(2),
  to: side(3),
  answers: [
    {
      key: 'submissionDescription',
      section: 'SUBMISSION_DETAILS',
      label: 'Submission description',
      before: ['A base contract'],
      after: ['A base contract, signed'],
    },
    {
      key: 'managedCareEntities',
      section: 'CONTRACT_DETAILS',
      label: 'Managed care entities',
      before: [],
      after: ['Managed Care Organization (MCO)', 'Prepaid Inpatient Health Plan (PIHP)'],
    },
  ],
  contacts: [
    {
      list: 'stateContacts',
      label: 'State contacts',
      kind: 'ADDED',
      before: null,
      after: 'Bo Park, Director, bo@state.gov',
    },
  ],
  documents: [
    {
      list: 'contractDocuments',
      label: 'Contract documents',
      kind: 'RENAMED',
      before: { name: 'contract.pdf', sha256: 'a'.repeat(64) },
      after: { name: 'contract-signed.pdf', sha256: 'a'.repeat(64) },
    },
  ],
  rates: [
    {
      kind: 'REVISED',
      rateId: 'rate-1',
      name: 'MCR-MN-MSHO-20260101-20261231-CERTIFICATION-20260315',
      fromRateRevisionId: 'rate-1-rev-1',
      toRateRevisionId: 'rate-1-rev-2',
      changes: {
        answers: [
          {
            key: 'rateDateCertified',
            section: 'RATE_DETAILS',
            label: 'Date certified',
            before: ['Mar 1, 2026'],
            after: ['Mar 15, 2026'],
          },
        ],
        contacts: [],
        documents: [],
      },
    },
    {
      kind: 'REVISED',
      rateId: 'rate-3',
      name: 'MCR-MN-MSHO-20280101-20281231-CERTIFICATION-20260301',
      fromRateRevisionId: 'rate-3-rev-1',
      toRateRevisionId: 'rate-3-rev-2',
      changes: { answers: [], contacts: [], documents: [] },
    },
    {
      kind: 'REMOVED',
      rateId: 'rate-2',
      name: 'MCR-MN-MSHO-20270101-20271231-CERTIFICATION-20260301',
      fromRateRevisionId: 'rate-2-rev-1',
      toRateRevisionId: null,
      changes: null,
    },
  ],
  unchanged: false,
};

function diffQuery(request: SeenRequest) {
  const url = new URL(request.path, 'http://docket.test');
  return { path: url.pathname, from: url.searchParams.get('from'), to: url.searchParams.get('to') };
}

/** Cells of a table's body rows as text, row by row. */
function rowsOf(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent ?? ''));
}

describe('RevisionChanges', () => {
  it('is not shown before a second submission', () => {
    const seen = stubFetch(() => problem(500, 'INTERNAL', 'unexpected'));
    const { container } = render(
      <RevisionChanges
        contract={contractView([revisionView(1, {}, { submittedAt: at(1) }), revisionView(2, {})])}
      />,
    );
    expect(container.textContent).toBe('');
    expect(seen).toHaveLength(0);
  });

  it('compares the last submission with the one before, in tables with captions and headers', async () => {
    const seen = stubFetch(() => ({ status: 200, body: CHANGED }));
    render(<RevisionChanges contract={resubmitted()} />);
    expect(
      screen.getByRole('heading', { level: 2, name: 'Changes since the previous submission' }),
    ).toBeTruthy();

    const answers = await screen.findByRole('table', { name: 'Answers' });
    expect(seen.map(diffQuery)).toEqual([
      { path: '/api/contracts/contract-1/diff', from: 'rev-2', to: 'rev-3' },
    ]);
    const headers = within(answers)
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headers).toEqual(['Question', 'Before', 'After']);
    expect(
      within(answers)
        .getAllByRole('rowheader')
        .map((th) => th.getAttribute('scope')),
    ).toEqual(['row', 'row']);
    expect(rowsOf(answers)).toEqual([
      ['Submission description', 'A base contract', 'A base contract, signed'],
      [
        'Managed care entities',
        'Not answered',
        'Managed Care Organization (MCO)Prepaid Inpatient Health Plan (PIHP)',
      ],
    ]);
    expect(rowsOf(screen.getByRole('table', { name: 'Contacts' }))).toEqual([
      ['State contacts', 'Added', 'None', 'Bo Park, Director, bo@state.gov'],
    ]);
    expect(rowsOf(screen.getByRole('table', { name: 'Documents' }))).toEqual([
      ['Contract documents', 'Renamed', 'contract.pdf', 'contract-signed.pdf'],
    ]);
    expect(rowsOf(screen.getByRole('table', { name: 'Rate certifications' }))).toEqual([
      ['MCR-MN-MSHO-20260101-20261231-CERTIFICATION-20260315', 'Revised'],
      ['MCR-MN-MSHO-20280101-20281231-CERTIFICATION-20260301', 'Resubmitted without changes'],
      ['MCR-MN-MSHO-20270101-20271231-CERTIFICATION-20260301', 'Removed'],
    ]);
    const revised = screen.getByRole('region', {
      name: 'Changes in MCR-MN-MSHO-20260101-20261231-CERTIFICATION-20260315',
    });
    expect(rowsOf(within(revised).getByRole('table', { name: /: Answers$/ }))).toEqual([
      ['Date certified', 'Mar 1, 2026', 'Mar 15, 2026'],
    ]);
  });

  it('lists only the submissions in its choices, and compares the two chosen', async () => {
    const seen = stubFetch((request) => {
      const { from, to } = diffQuery(request);
      if (from === 'rev-1' && to === 'rev-3') {
        return {
          status: 200,
          body: {
            ...CHANGED,
            from: side(1),
            answers: [],
            contacts: [],
            documents: [],
            rates: [],
            unchanged: true,
          },
        };
      }
      return { status: 200, body: CHANGED };
    });
    render(<RevisionChanges contract={resubmitted()} />);
    await screen.findByRole('table', { name: 'Answers' });
    const compare = screen.getByRole('combobox', { name: 'Compare' });
    expect(
      within(compare)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      expect.stringMatching(/^Submission 1, Feb 1, 2025, 10:00 AM EST$/),
      expect.stringMatching(/^Submission 2, /),
      expect.stringMatching(/^Submission 3, /),
    ]);
    expect((screen.getByRole('combobox', { name: 'With' }) as HTMLSelectElement).value).toBe('rev-3');

    await userEvent.selectOptions(compare, 'rev-1');
    expect((await screen.findByTestId('no-changes')).textContent).toMatch(
      /Submissions 1 and 3 hold the same answers, contacts, documents and rate certifications/,
    );
    expect(seen.map(diffQuery).at(-1)).toMatchObject({ from: 'rev-1', to: 'rev-3' });
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('says when the changes could not be loaded, and tries again', async () => {
    let fail = true;
    stubFetch(() =>
      fail ? problem(503, 'NOT_READY', 'The datastore does not answer') : { status: 200, body: CHANGED },
    );
    render(<RevisionChanges contract={resubmitted()} />);
    expect(
      (await screen.findByRole('heading', { name: 'We could not load the changes' })).textContent,
    ).toBeTruthy();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('table', { name: 'Answers' })).toBeTruthy();
  });
});
