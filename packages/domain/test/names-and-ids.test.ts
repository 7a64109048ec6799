import { describe, expect, it } from 'vitest';
import { REFERENCE_PROGRAMS, STATES, contractName, isStateCode, newId, programLabel } from '../src';

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
