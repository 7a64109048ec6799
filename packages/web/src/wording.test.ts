import { describe, expect, it } from 'vitest';

/**
 * In this domain a "state analyst" is a CMS reviewer assigned to a state (DOMAIN §6), so the people of a state
 * who file are "state users" everywhere the app and its documents speak of them.
 */
const sources = import.meta.glob<string>(
  ['./**/*.{ts,tsx,css,html}', '../index.html', '!./**/*.test.{ts,tsx}'],
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
);
const documents = import.meta.glob<string>(['../../../README.md', '../../../docs/**/*.md'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Where the files say the phrase, as `file:line: words`; the phrase may run over a line break. */
function saying(files: Record<string, string>, phrase: RegExp): string[] {
  return Object.entries(files).flatMap(([file, text]) =>
    [...text.matchAll(phrase)].map((found) => {
      const line = text.slice(0, found.index).split('\n').length;
      return `${file}:${line}: ${found[0].replace(/\s+/g, ' ')}`;
    }),
  );
}

describe('what state staff are called', () => {
  it('reads every source of the web app and every document', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(Object.keys(documents)).toContain('../../../README.md');
    expect(Object.keys(documents).filter((file) => file.includes('/docs/adr/')).length).toBeGreaterThan(3);
  });

  it('is "state users", never "state analysts"', () => {
    const phrase = /\bstate[\s-]+analysts?\b/gi;
    expect([...saying(sources, phrase), ...saying(documents, phrase)]).toEqual([]);
  });
});
