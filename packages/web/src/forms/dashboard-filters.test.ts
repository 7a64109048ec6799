import { describe, expect, it } from 'vitest';
import type { ContractSummaryView } from '@docket/domain';
import { applyFilters, readFilters, writeFilters } from './dashboard-filters';

function row(id: string, status: ContractSummaryView['status'], programNames: string[]): ContractSummaryView {
  return {
    id,
    stateCode: 'MN',
    name: id,
    status,
    submissionType: null,
    programNames,
    createdAt: '',
    updatedAt: '',
    firstSubmittedAt: null,
    lastSubmittedAt: null,
  };
}

describe('dashboard filters', () => {
  const rows = [
    row('a', 'DRAFT', ['MSHO']),
    row('b', 'SUBMITTED', ['SNBC', 'MSHO']),
    row('c', 'SUBMITTED', []),
  ];
  const names = new Map([['p-msho', 'MSHO']]);

  it('reads known values from the query and ignores the rest', () => {
    expect(readFilters(new URLSearchParams('status=SUBMITTED&program=p-msho'), ['p-msho'])).toEqual({
      status: 'SUBMITTED',
      program: 'p-msho',
    });
    expect(readFilters(new URLSearchParams('status=LOST&program=nope'), ['p-msho'])).toEqual({
      status: null,
      program: null,
    });
  });

  it('writes the filters into the query, keeping other parameters', () => {
    const query = writeFilters(new URLSearchParams('sort=name&status=DRAFT'), {
      status: null,
      program: 'p-msho',
    });
    expect(query.toString()).toBe('sort=name&program=p-msho');
  });

  it('keeps the rows with the status and the program', () => {
    const pick = (status: ContractSummaryView['status'] | null, program: string | null) =>
      applyFilters(rows, { status, program }, (id) => names.get(id)).map((r) => r.id);
    expect(pick(null, null)).toEqual(['a', 'b', 'c']);
    expect(pick('SUBMITTED', null)).toEqual(['b', 'c']);
    expect(pick(null, 'p-msho')).toEqual(['a', 'b']);
    expect(pick('SUBMITTED', 'p-msho')).toEqual(['b']);
  });
});
