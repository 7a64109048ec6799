import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** How a page sits in the window: its width beside the window's, and any box that hides part of what it holds. */
export interface PageWidth {
  viewport: number;
  /** `document.documentElement.scrollWidth`: more than the viewport means the page scrolls sideways. */
  document: number;
  /** Boxes that clip or scroll sideways (`overflow-x` not visible) and hold more than they show, fields aside. */
  clipped: string[];
}

export async function pageWidth(page: Page): Promise<PageWidth> {
  return page.evaluate(() => {
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${Array.from(element.classList)
        .slice(0, 2)
        .map((c) => `.${c}`)
        .join('')} (${element.scrollWidth} > ${element.clientWidth})`;
    const clipped = Array.from(document.body.querySelectorAll('*')).filter((element) => {
      // Text kept for screen readers only is clipped to one pixel on purpose; a text field scrolls what is typed.
      if (element.clientWidth <= 1 || element.closest('.usa-sr-only')) return false;
      if (element.matches('input, textarea, select')) return false;
      const overflow = getComputedStyle(element).overflowX;
      return overflow !== 'visible' && element.scrollWidth > element.clientWidth + 1;
    });
    return {
      viewport: window.innerWidth,
      document: document.documentElement.scrollWidth,
      clipped: clipped.map(describe),
    };
  });
}

/** Fails unless the page fits the window's width, hiding nothing in a box that scrolls sideways. */
export async function expectFits(page: Page, what: string): Promise<void> {
  const width = await pageWidth(page);
  expect(width.clipped, `${what}: boxes that hide part of their content`).toEqual([]);
  expect(width.document, `${what}: page width at ${width.viewport} px`).toBeLessThanOrEqual(width.viewport);
}

/** A box's left and right edges, in CSS pixels from the left of the window. */
export interface Edges {
  left: number;
  right: number;
}

/** Where a table and each of its columns sit, beside the page's content box and the window. */
export interface TableLayout {
  viewport: number;
  /** The page's content box (the USWDS grid container the table is in). */
  container: Edges;
  table: Edges;
  columns: (Edges & { name: string })[];
}

export async function tableLayout(table: Locator): Promise<TableLayout> {
  return table.evaluate((element) => {
    const edges = (box: Element) => {
      const rect = box.getBoundingClientRect();
      return { left: rect.left, right: rect.right };
    };
    const container = element.closest('.grid-container') ?? document.body;
    return {
      viewport: window.innerWidth,
      container: edges(container),
      table: edges(element),
      columns: Array.from(element.querySelectorAll('thead th')).map((th) => ({
        name: th.textContent?.trim() ?? '',
        ...edges(th),
      })),
    };
  });
}

/**
 * Fails unless the table and every column sit inside the page's content box and the window, with the named
 * columns (the status, say) among them.
 */
export function expectTableFits(layout: TableLayout, columns: readonly string[], what: string): void {
  expect(
    layout.columns.map((c) => c.name),
    `${what}: columns`,
  ).toEqual(expect.arrayContaining([...columns]));
  const outside = [{ name: 'the table', ...layout.table }, ...layout.columns].filter(
    (box) =>
      box.left < layout.container.left - 0.5 ||
      box.right > layout.container.right + 0.5 ||
      box.right > layout.viewport,
  );
  expect(
    outside.map((box) => `${box.name}: ${Math.round(box.left)}–${Math.round(box.right)} px`),
    `${what}: boxes outside ${Math.round(layout.container.left)}–${Math.round(layout.container.right)} px ` +
      `at a ${layout.viewport} px window`,
  ).toEqual([]);
}
