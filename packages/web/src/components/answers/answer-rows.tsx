import type { AnswerText } from '@docket/domain';
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

/**
 * Rows of answers as the domain words them (`contractAnswerTexts` and its parts, which the diff of two submissions
 * reads too): a multiple choice as a list, anything else as its text.
 */
export function textRows(texts: readonly AnswerText[], draft: boolean): SummaryRow[] {
  const { rows, add } = answerRows(draft);
  for (const { label, text, multiple } of texts) {
    if (text.length === 0) add(label, undefined);
    else add(label, multiple ? <AnswerList items={text} /> : text.join('\n'));
  }
  return rows;
}
