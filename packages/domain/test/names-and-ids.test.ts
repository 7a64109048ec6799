import { describe, expect, it } from 'vitest';
import { REFERENCE_PROGRAMS, STATES, contractName, isStateCode, newId, programLabel } from '../src';

/** How many times `phrase` stands in `text` as whole words, ignoring case ("PH" in "Care PH", not "ACC" in "Accountable"). */
function wordsFound(text: string, phrase: string): number {
  const word = /[\p{L}\p{N}]/u;
  const haystack = text.toLowerCase();
  const needle = phrase.toLowerCase();
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1] ?? ' ';
    const after = haystack[at + needle.length] ?? ' ';
    if (!word.test(before) && !word.test(after)) count += 1;
  }
  return count;
}

describe('reference data', () => {
  it('has the 56 states and territories and every program tagged with a known state', () => {
    expect(STATES).toHaveLength(56);
    for (const code of ['MN', 'FL', 'DC', 'PR', 'VI', 'AS', 'GU', 'MP']) expect(isStateCode(code)).toBe(true);
    expect(isStateCode('XX')).toBe(false);
    expect(REFERENCE_PROGRAMS).toHaveLength(197);
    expect(REFERENCE_PROGRAMS.every((p) => isStateCode(p.stateCode))).toBe(true);
  });

  it('labels retired programs', () => {
    const retired = REFERENCE_PROGRAMS.find((p) => p.isDeprecated)!;
    expect(programLabel(retired)).toMatch(/\(retired\)$/);
  });

  it('labels every program by its full name and its nickname, never saying one inside the other again', () => {
    const wrong = REFERENCE_PROGRAMS.flatMap((program) => {
      const label = programLabel(program);
      const [, before = '', inParentheses = ''] = /^(.*) \(([^()]+)\)$/.exec(label) ?? [];
      const repeats =
        inParentheses !== '' &&
        (wordsFound(before, inParentheses) > 0 || wordsFound(inParentheses, before) > 0);
      const loses = wordsFound(label, program.name) === 0 || wordsFound(label, program.fullName) === 0;
      return repeats || loses ? [`${program.stateCode}: ${label}`] : [];
    });
    expect(wrong).toEqual([]);
    const label = (stateCode: string, name: string) =>
      programLabel(REFERENCE_PROGRAMS.find((p) => p.stateCode === stateCode && p.name === name)!);
    expect(label('FL', 'FIDE D-SNP')).toBe('FIDE D-SNP');
    expect(label('GA', 'P4HB')).toBe('Planning for Healthy Babies (P4HB)');
    expect(label('PR', 'Vital Government Health Plan')).toBe('Vital Government Health Plan');
    expect(label('CO', 'ACC')).toBe('Accountable Care Collaborative (ACC)');
    expect(label('MN', 'PMAP')).toBe('Prepaid Medical Assistance Program (PMAP)');
  });
});

describe('contract names', () => {
  it('pads the number and joins the sorted program names', () => {
    expect(contractName('MN', 5, [{ name: 'SNBC' }, { name: 'MSHO' }])).toBe('MCR-MN-0005-MSHO-SNBC');
    expect(contractName('FL', 12345, [])).toBe('MCR-FL-12345');
    expect(contractName('MN', 1, [{ name: 'PMAP' }, { name: 'MSC+' }])).toBe('MCR-MN-0001-MSC+-PMAP');
  });
});

describe('ids', () => {
  it('are UUIDv7 and sort in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 500 }, () => newId(1_700_000_000_000));
    expect(
      ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)),
    ).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
