import type { FieldIssue } from '@docket/domain';
import { canonical, toSaveRequest, type FilingDraft } from './filing-draft';
import type { FieldPath } from './field-ids';

/**
 * What the server refused that the browser cannot check itself (a linked rate withdrawn since, a document uploaded
 * too long ago), kept with the answer each issue was about. A refusal stands until that answer changes — the user
 * has dealt with it — or the server looks again: a save that goes through, or another submit.
 */
export interface Refusal {
  issue: FieldIssue;
  /** The answer at the issue's path when it was refused, as canonical JSON. */
  answer: string;
}

/** The draft addressed as issues address it: the contract's answers, and `rates` beside them. */
function addressed(draft: FilingDraft): unknown {
  const { formData, rates } = toSaveRequest(draft);
  return {
    ...formData,
    rates: rates.map((rate) => (rate.kind === 'NEW' ? { ...rate.formData, rateId: rate.rateId } : rate)),
  };
}

/** The answer at a path of the draft, as canonical JSON (`undefined` for none). */
function answerAt(draft: FilingDraft, path: FieldPath): string {
  let at: unknown = addressed(draft);
  for (const segment of path) {
    if (typeof at !== 'object' || at === null) return 'undefined';
    at = (at as Record<string | number, unknown>)[segment];
  }
  return at === undefined ? 'undefined' : canonical(at);
}

/** The server's issues about the draft it was sent, to keep. */
export function refusalsOf(issues: readonly FieldIssue[], sent: FilingDraft): Refusal[] {
  return issues.map((issue) => ({ issue, answer: answerAt(sent, issue.path) }));
}

/** The refusals that still stand on the draft as it is now: those whose answer has not changed since. */
export function standingRefusals(refusals: readonly Refusal[], draft: FilingDraft): FieldIssue[] {
  return refusals.filter((r) => answerAt(draft, r.issue.path) === r.answer).map((r) => r.issue);
}
