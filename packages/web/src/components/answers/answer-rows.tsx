import type { ReactNode } from 'react';
import type { SummaryRow } from './summary-list';

/**
 * Collects question-and-answer rows. A draft lists every question asked, "Not answered yet" where blank; a
 * submitted revision lists what it holds and omits what it lacks.
 */
export function answerRows(draft: boolean) {
  const rows: SummaryRow[] = [];
  const add = (label: string, value: ReactNode | undefined) => {
    const blank = value === undefined || value === '';
    if (!blank) rows.push({ label, value });
    else if (draft) rows.push({ label, value: <span className="text-base-dark">Not answered yet</span> });
  };
  return { rows, add };
}

/** A list of answers of a multiple choice, one per line. */
export function AnswerList({ items }: { items: readonly ReactNode[] }) {
  return (
    <ul className="usa-list usa-list--unstyled">
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
}
