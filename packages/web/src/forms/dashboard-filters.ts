import { CONSOLIDATED_STATUSES, type ConsolidatedStatus, type ContractSummaryView } from '@docket/domain';

/**
 * The state dashboard's filters, kept in the URL query (`?status=SUBMITTED&program=<id>`) so a view can be
 * shared and survives a reload. Unknown values are ignored rather than showing an empty list.
 */
export interface DashboardFilters {
  status: ConsolidatedStatus | null;
  /** A program id of the state. */
  program: string | null;
}

export function readFilters(query: URLSearchParams, programIds: readonly string[]): DashboardFilters {
  const status = query.get('status');
  const program = query.get('program');
  return {
    status: (CONSOLIDATED_STATUSES as readonly (string | null)[]).includes(status)
      ? (status as ConsolidatedStatus)
      : null,
    program: program && programIds.includes(program) ? program : null,
  };
}

/** The query for these filters, keeping any other parameters of `current`. */
export function writeFilters(current: URLSearchParams, filters: DashboardFilters): URLSearchParams {
  const next = new URLSearchParams(current);
  if (filters.status) next.set('status', filters.status);
  else next.delete('status');
  if (filters.program) next.set('program', filters.program);
  else next.delete('program');
  return next;
}

/**
 * The rows that pass the filters. A row names its programs by their short names (unique within a state), so a
 * program filter compares names.
 */
export function applyFilters(
  rows: readonly ContractSummaryView[],
  filters: DashboardFilters,
  programName: (id: string) => string | undefined,
): ContractSummaryView[] {
  const name = filters.program ? programName(filters.program) : undefined;
  return rows.filter(
    (row) =>
      (!filters.status || row.status === filters.status) &&
      (!filters.program || (name !== undefined && row.programNames.includes(name))),
  );
}
