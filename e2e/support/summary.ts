import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** How a submission's summary page reads: its answers, documents and rates, as text a person sees. */

/** The h1 of a submission's summary page: its generated name, `MCR-MN-0001-PMAP`. */
export function submissionHeading(page: Page): Locator {
  return page.getByRole('heading', { level: 1, name: /^MCR-[A-Z]{2}-\d{4}-/ });
}

/** Waits for a summary page and returns the submission's name. */
export async function onSummary(page: Page): Promise<string> {
  const heading = submissionHeading(page);
  await heading.waitFor();
  return (await heading.textContent())?.trim() ?? '';
}

/**
 * The question-and-answer rows of a description list (`<dl>`), as `{ question: answer }` with the answer's text
 * on one line (list items joined by " | ").
 */
export async function answersOf(list: Locator): Promise<Record<string, string>> {
  return list.evaluate((dl) => {
    const answers: Record<string, string> = {};
    for (const row of Array.from(dl.querySelectorAll(':scope > div'))) {
      const question = row.querySelector('dt')?.textContent?.trim() ?? '';
      const dd = row.querySelector('dd');
      const items = dd ? Array.from(dd.querySelectorAll('li')) : [];
      const text =
        items.length > 0
          ? items.map((li) => (li.textContent ?? '').trim()).join(' | ')
          : (dd?.textContent ?? '').trim();
      answers[question] = text.replace(/\s+/g, ' ');
    }
    return answers;
  });
}

/** One row of a documents table. */
export interface DocumentRow {
  name: string;
  /** Where its link downloads it; null when it has none (a draft's list). */
  href: string | null;
  isNew: boolean;
  dateAdded: string | null;
}

/** The documents table with this caption ("Contract documents", "Rate certification document", ...). */
export function documentsTable(scope: Page | Locator, caption: string): Locator {
  return scope.getByRole('table', { name: caption, exact: true });
}

export async function documentRows(table: Locator): Promise<DocumentRow[]> {
  return table.evaluate((element) =>
    Array.from(element.querySelectorAll('tbody > tr')).map((tr) => {
      const header = tr.querySelector('th');
      const link = header?.querySelector('a');
      const tag = header?.querySelector('[data-testid="new-document-tag"]');
      const cells = Array.from(tr.querySelectorAll('td'));
      return {
        name: (link ?? header)?.childNodes[0]?.textContent?.trim() ?? '',
        href: link?.getAttribute('href') ?? null,
        isNew: tag !== null && tag !== undefined,
        dateAdded: cells.length > 1 ? (cells.at(-1)?.textContent?.trim() ?? null) : null,
      };
    }),
  );
}

/** The names in a documents table, and which are tagged NEW. */
export async function documentNames(scope: Page | Locator, caption: string): Promise<string[]> {
  const table = documentsTable(scope, caption);
  await table.waitFor();
  return (await documentRows(table)).map((row) => (row.isNew ? `${row.name} NEW` : row.name));
}

/** Expects the text of `locator` to contain each of `texts`, waiting for it to settle. */
export async function expectTexts(locator: Locator, texts: readonly string[]): Promise<void> {
  for (const text of texts) {
    await expect.poll(async () => (await locator.textContent()) ?? '').toContain(text);
  }
}

/** The cells of a table's body rows, header cells included, as trimmed text. */
export async function tableRows(table: Locator): Promise<string[][]> {
  return table.evaluate((element) =>
    Array.from(element.querySelectorAll('tbody > tr')).map((tr) =>
      Array.from(tr.querySelectorAll('th, td')).map((cell) => cell.textContent?.trim() ?? ''),
    ),
  );
}
