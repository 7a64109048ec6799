import { z } from 'zod';
import { ValidationError, type FieldIssue } from './errors';

/**
 * Calendar dates: the one definition of every date the API takes and the domain compares — the contract and rate
 * dates of a filing, the day an approval was released to the state. A date is written `YYYY-MM-DD` (no time, no
 * zone), so that dates compare correctly as strings, and must name a day the calendar has: 2025-02-30 does not.
 *
 * A well-formed date is then held to one range, {@link FIRST_DATE} to {@link LAST_DATE}. Managed-care filings
 * begin with Medicaid (1965) and are not planned centuries ahead, so anything outside is a slip of the keyboard
 * (year 0, a year in the far future) that would otherwise be filed as it is; the range also stays well inside what
 * every engine stores (PostgreSQL's `date` has no year 0).
 *
 * The format is part of a request's shape, refused at the edge (400) like any other malformed value; the range is a
 * rule of the domain, checked wherever answers are accepted and refused with 422 and {@link DATE_RANGE_MESSAGE}.
 */

export const FIRST_DATE = '1900-01-01';
export const LAST_DATE = '2999-12-31';
export const DATE_FORMAT_MESSAGE = 'Enter a date as YYYY-MM-DD';
export const DATE_RANGE_MESSAGE = `Enter a date from ${FIRST_DATE} to ${LAST_DATE}`;

/** A well-formed date: four-digit year, a real day. Its range is checked by {@link dateRangeIssues}. */
export const isoDateSchema = z.iso.date({ error: DATE_FORMAT_MESSAGE });
export type IsoDate = z.output<typeof isoDateSchema>;

/** Whether a well-formed date is within the range Docket accepts. */
export function isDateInRange(date: IsoDate): boolean {
  return date >= FIRST_DATE && date <= LAST_DATE;
}

/** A well-formed date within the range, for answers checked by the domain (at submission). */
export const dateInRangeSchema = isoDateSchema.refine(isDateInRange, DATE_RANGE_MESSAGE);

/** A date a submission needs: missing, malformed and out-of-range answers each get their own message. */
export function requiredDateSchema(missing: string) {
  return z.iso
    .date({ error: (issue) => (issue.input === undefined ? missing : DATE_FORMAT_MESSAGE) })
    .refine(isDateInRange, DATE_RANGE_MESSAGE);
}

/** An issue for each of the named answers that holds a date outside the range (unanswered ones are fine). */
export function dateRangeIssues<K extends string>(
  answers: Partial<Record<K, IsoDate | undefined>>,
  fields: readonly K[],
): FieldIssue[] {
  return fields.flatMap((field) => {
    const date = answers[field];
    return date === undefined || isDateInRange(date) ? [] : [{ path: [field], message: DATE_RANGE_MESSAGE }];
  });
}

/** Guam and the Northern Mariana Islands: UTC+10 all year, the US jurisdiction whose day begins first. */
const FURTHEST_AHEAD_US_OFFSET_MS = 10 * 60 * 60 * 1000;

/**
 * "Today" for the rules that refuse a future date, as YYYY-MM-DD: the day it is at `now` in the US jurisdiction
 * furthest ahead (Guam, UTC+10). A date someone anywhere in the states and territories calls today is never refused
 * as future; the rules only have to stop dates that are in the future everywhere.
 */
export function latestUsToday(now: Date): IsoDate {
  return new Date(now.getTime() + FURTHEST_AHEAD_US_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The day an approval was released to the state, as an approver records it: within the calendar range, and not
 * after `today`, the day the approval is recorded (an approval cannot have been released to the state yet).
 * @throws ValidationError naming `dateApprovalReleasedToState`
 */
export function checkApprovalDate(dateApprovalReleasedToState: IsoDate, today: IsoDate): void {
  const outOfRange = dateRangeIssues({ dateApprovalReleasedToState }, ['dateApprovalReleasedToState']);
  if (outOfRange.length > 0) {
    throw new ValidationError('The approval date is outside the range of dates Docket accepts', outOfRange);
  }
  if (dateApprovalReleasedToState > today) {
    throw new ValidationError('The approval cannot be released on a future date', [
      { path: ['dateApprovalReleasedToState'], message: 'Enter today or an earlier date' },
    ]);
  }
}
