import { Readable } from 'node:stream';

/**
 * CSV as spreadsheets read it (RFC 4180): fields separated by commas, records ended by CRLF, a field quoted when it
 * holds a comma, a quote, a CR or an LF, and a quote in it doubled. A file starts with a UTF-8 byte order mark, so
 * that a spreadsheet opens it as UTF-8 rather than in the machine's legacy code page.
 *
 * A cell is text a state or a reviewer typed, and a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@`
 * (and some also a tab or a CR) as a formula. Such a cell is written with a leading apostrophe, which spreadsheets
 * show as text and never execute (OWASP's advice on CSV injection).
 */

/** The UTF-8 byte order mark a CSV file starts with. */
export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A cell's value: text, a number, a boolean, or nothing (an empty cell). */
export type CsvValue = string | number | boolean | null | undefined;

/** One field, neutralised and quoted as needed. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  // Numbers are written as numbers: a negative one is a value, not a formula.
  const safe = typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record, with its CRLF. */
export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * A CSV file of a paged list as a stream: the header, then each page's records, a page read only when the reader
 * has taken the previous one (the stream is pulled, never pushed), so the server holds one page whatever the size
 * of the list and a slow reader slows the reads down instead of filling memory. The first page is read before the
 * stream is made, so that a refused request is an error to answer, not a broken download.
 */
export async function pagedCsv<P extends { nextCursor: string | null }>(
  header: readonly string[],
  read: (cursor: string | null) => Promise<P>,
  records: (page: P) => string,
): Promise<Readable> {
  const first = await read(null);
  async function* lines(): AsyncGenerator<string> {
    yield CSV_BOM + csvRecord(header);
    let page = first;
    for (;;) {
      yield records(page);
      if (page.nextCursor === null) return;
      page = await read(page.nextCursor);
    }
  }
  return Readable.from(lines(), { objectMode: false, highWaterMark: 16 * 1024 });
}
