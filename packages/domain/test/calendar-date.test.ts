import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  approveRequestSchema,
  checkApprovalDate,
  checkContractDetailsForSubmit,
  checkRateForSubmit,
  CONTRACT_DETAILS_DATE_FIELDS,
  contractFormDateIssues,
  contractFormDraftSchema,
  DATE_RANGE_MESSAGE,
  dateRangeIssues,
  FIRST_DATE,
  isoDateSchema,
  MEDICAID_BASE_PROVISIONS,
  RATE_DATE_FIELDS,
  rateDateIssues,
  latestUsToday,
  ValidationError,
  rateFormDraftSchema,
} from '../src';
import { completeDetails, completeContractForm, completeRateForm } from '../src/testing';

const OUT_OF_RANGE = ['0000-01-01', '0001-01-01', '1899-12-31', '3000-01-01', '9999-12-31'];
const IN_RANGE = ['1900-01-01', '1965-07-30', '2024-02-29', '2999-12-31'];

describe('calendar dates', () => {
  it('are well-formed only as YYYY-MM-DD naming a real day', () => {
    for (const date of [
      '2025-02-30',
      '2023-02-29',
      '2026-13-01',
      '10000-01-01',
      '+010000-01-01',
      '01/02/2026',
    ]) {
      expect(isoDateSchema.safeParse(date).success, date).toBe(false);
    }
    for (const date of [...IN_RANGE, '0000-01-01', '9999-12-31']) {
      expect(isoDateSchema.safeParse(date).success, date).toBe(true);
    }
  });

  it('are accepted from 1900-01-01 to 2999-12-31, and refused outside with a message naming the range', () => {
    expect(DATE_RANGE_MESSAGE).toBe('Enter a date from 1900-01-01 to 2999-12-31');
    for (const date of IN_RANGE) expect(dateRangeIssues({ day: date }, ['day']), date).toEqual([]);
    for (const date of OUT_OF_RANGE) {
      expect(dateRangeIssues({ day: date }, ['day']), date).toEqual([
        { path: ['day'], message: DATE_RANGE_MESSAGE },
      ]);
    }
    expect(dateRangeIssues({}, ['day'])).toEqual([]);
  });

  it('are range-checked in every date answer of a contract and a rate', () => {
    const form = completeContractForm({
      contractDetails: completeDetails({ contractDateStart: '0000-01-01', contractDateEnd: '3000-01-01' }),
    });
    expect(contractFormDateIssues(form).map((i) => i.path.join('.'))).toEqual([
      'contractDetails.contractDateStart',
      'contractDetails.contractDateEnd',
    ]);
    const rate = completeRateForm(Object.fromEntries(RATE_DATE_FIELDS.map((field) => [field, '1899-12-31'])));
    expect(rateDateIssues(rate).map((i) => i.path.join('.'))).toEqual([...RATE_DATE_FIELDS]);
    expect(contractFormDateIssues(completeContractForm())).toEqual([]);
    expect(rateDateIssues(completeRateForm())).toEqual([]);
  });

  it('are range-checked again at submission, for drafts saved before the range', () => {
    const medicaidBase = { populationCovered: 'MEDICAID', contractType: 'BASE' } as const;
    const details = checkContractDetailsForSubmit(
      completeDetails({
        contractDateStart: '0000-01-01',
        provisions: Object.fromEntries(MEDICAID_BASE_PROVISIONS.map((p) => [p, false])),
      }),
      medicaidBase,
    );
    expect(details.ok ? [] : details.issues).toContainEqual({
      path: ['contractDateStart'],
      message: DATE_RANGE_MESSAGE,
    });
    const rate = checkRateForSubmit(
      completeRateForm({
        rateType: 'AMENDMENT',
        rateDateCertified: '0001-01-01',
        amendmentEffectiveDateStart: '0000-01-01',
        amendmentEffectiveDateEnd: '3000-01-01',
      }),
      { dsnp: false, today: '2026-03-15' },
    );
    const issues = rate.ok ? [] : rate.issues;
    for (const field of ['rateDateCertified', 'amendmentEffectiveDateStart', 'amendmentEffectiveDateEnd']) {
      expect(issues).toContainEqual({ path: [field], message: DATE_RANGE_MESSAGE });
    }
  });
});

/** The path of every property whose JSON Schema is a `date`, found by walking the schema. */
function datePaths(schema: z.ZodType): string[] {
  const found: string[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record.format === 'date') found.push(path.join('.'));
    const properties = record.properties as Record<string, unknown> | undefined;
    for (const [key, child] of Object.entries(properties ?? {})) walk(child, [...path, key]);
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      for (const child of (record[key] as unknown[] | undefined) ?? []) walk(child, path);
    }
  };
  walk(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), []);
  return found.sort();
}

describe('the lists of date answers', () => {
  it('name every date of the forms and of the approval, so none escapes the range', () => {
    expect(datePaths(contractFormDraftSchema)).toEqual(
      CONTRACT_DETAILS_DATE_FIELDS.map((f) => `contractDetails.${f}`).sort(),
    );
    expect(datePaths(rateFormDraftSchema)).toEqual([...RATE_DATE_FIELDS].sort());
    expect(datePaths(approveRequestSchema)).toEqual(['dateApprovalReleasedToState']);
  });
});

describe('the day an approval was released to the state', () => {
  const problemOf = (date: string, today: string) => {
    try {
      checkApprovalDate(date, today);
      return null;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return { message: error.message, issues: error.issues };
    }
  };

  it('may be the day it is recorded or any day before, back to the first date of the range', () => {
    for (const date of ['2026-03-10', '2026-03-09', '2025-12-31', FIRST_DATE]) {
      expect(problemOf(date, '2026-03-10'), date).toBeNull();
    }
  });

  it('may not be a day after it is recorded', () => {
    expect(problemOf('2026-03-11', '2026-03-10')).toEqual({
      message: 'The approval cannot be released on a future date',
      issues: [{ path: ['dateApprovalReleasedToState'], message: 'Enter today or an earlier date' }],
    });
  });

  it('may not be outside the range, before or after it', () => {
    for (const date of ['0000-01-01', '1899-12-31', '3000-01-01']) {
      expect(problemOf(date, '2026-03-10'), date).toEqual({
        message: 'The approval date is outside the range of dates Docket accepts',
        issues: [{ path: ['dateApprovalReleasedToState'], message: DATE_RANGE_MESSAGE }],
      });
    }
  });

  it('is compared with the day in Guam, the US jurisdiction whose day begins first', () => {
    // 08:00 on March 11 in Guam is still March 10 in UTC and on the mainland.
    expect(latestUsToday(new Date('2026-03-11T08:00:00+10:00'))).toBe('2026-03-11');
    expect(latestUsToday(new Date('2026-03-10T13:59:59.999Z'))).toBe('2026-03-10');
    expect(latestUsToday(new Date('2026-03-10T14:00:00.000Z'))).toBe('2026-03-11');
    expect(latestUsToday(new Date('2026-12-31T23:30:00-05:00'))).toBe('2027-01-01');
  });
});
