import { ROLES } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { ROLE_LABELS } from './format/labels';

/**
 * The words the app and its documents use for people. In this domain a "state analyst" is a CMS reviewer assigned
 * to a state (DOMAIN §6), so the people of a state who file are "state users"; and a role is never shown by its
 * code (`STATE_USER`, `CMS_USER`), only by the words of the one mapping in `format/labels.ts`. The end-to-end
 * journeys are read too, so that what they expect a person to see is said in the same words.
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
const journeys = import.meta.glob<string>(['../../../e2e/**/*.ts'], {
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

const ROLE_CODE = new RegExp(`\\b(${ROLES.join('|')})\\b`, 'g');

/**
 * The lines of the web app's own code that name a role by its code, or read a role, other than to compare it or
 * to look its words up.
 */
function roleCodesShown(): string[] {
  const shown: string[] = [];
  for (const [file, text] of Object.entries(sources)) {
    // The one mapping from codes to words, and the builders of test data, hold codes by design; so do the
    // administration's user forms, which edit a role as its code and show it through ROLE_OPTIONS (the mapping).
    if (file === './format/labels.ts' || file.startsWith('./testing/') || file.startsWith('./pages/admin/'))
      continue;
    text.split('\n').forEach((line, index) => {
      const codes = line.match(ROLE_CODE) ?? [];
      const compared = line.match(/\brole\s*[!=]==\s*'[A-Z_]+'/g) ?? [];
      // A user's role read for anything but a comparison goes through the mapping.
      const read = line.match(/\.role\b/g) ?? [];
      const mapped = line.match(/ROLE_LABELS\[[\w.]+\.role\]|\.role\s*[!=]==/g) ?? [];
      if (codes.length > compared.length || read.length > mapped.length) {
        shown.push(`${file}:${index + 1}: ${line.trim()}`);
      }
    });
  }
  return shown;
}

describe('what people are called', () => {
  it('reads every source of the web app, every document and every journey', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(Object.keys(documents)).toContain('../../../README.md');
    expect(Object.keys(documents).filter((file) => file.includes('/docs/adr/')).length).toBeGreaterThan(3);
    expect(Object.keys(journeys)).toContain('../../../e2e/support/people.ts');
    expect(Object.keys(journeys).filter((file) => file.endsWith('.test.ts')).length).toBeGreaterThan(5);
  });

  it('is "state users", never "state analysts", in the app, its documents and its journeys', () => {
    const phrase = /\bstate[\s_-]+analysts?\b/gi;
    expect([...saying(sources, phrase), ...saying(documents, phrase), ...saying(journeys, phrase)]).toEqual(
      [],
    );
  });

  it('never shows a role by its code: the web app only compares codes, and turns them into words in one place', () => {
    expect(roleCodesShown()).toEqual([]);
    for (const role of ROLES) expect(ROLE_LABELS[role]).not.toMatch(ROLE_CODE);
  });

  it('has the journeys expect the words of that one place, never a code', () => {
    const quotedCode = new RegExp(`(['"\`])[^'"\`\\n]*\\b(${ROLES.join('|')})\\b[^'"\`\\n]*\\1`, 'g');
    expect(saying(journeys, quotedCode)).toEqual([]);
    const people = journeys['../../../e2e/support/people.ts'] ?? '';
    const words = [...people.matchAll(/roleWords: '([^']+)'/g)].map((found) => found[1]);
    expect(words).toEqual([
      ROLE_LABELS.STATE_USER,
      ROLE_LABELS.CMS_USER,
      ROLE_LABELS.CMS_APPROVER,
      ROLE_LABELS.ADMIN,
    ]);
    const expecting = Object.entries(journeys).filter(
      ([file, text]) => file.endsWith('.test.ts') && text.includes('.roleWords'),
    );
    expect(expecting.length).toBeGreaterThan(0);
  });
});
