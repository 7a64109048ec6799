import type { ReactNode } from 'react';

export interface SummaryRow {
  label: string;
  value: ReactNode;
}

/** Questions and answers as a description list: label beside answer on wide screens, stacked on narrow ones. */
export function SummaryList({ rows, testId }: { rows: readonly SummaryRow[]; testId?: string }) {
  return (
    <dl className="docket-summary-list" data-testid={testId}>
      {rows.map((row) => (
        <div key={row.label}>
          <dt>{row.label}</dt>
          <dd>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
