import type { BackoffPolicy } from '@docket/domain';

/** The answer to a claim: the attempt may go on (and is counted), or it must wait until `retryAt` (ISO time). */
export type LoginAttemptClaim = { admitted: true; failures: number } | { admitted: false; retryAt: string };

/**
 * Counters of failed logins, in the datastore so that every server copy counts the same failures
 * (docs/adr/0005-login-throttling.md). Each counter lives under a key the caller makes — an opaque string of at
 * most 200 characters — and holds a number of failures and the time of the last one. Which keys exist and what
 * their policies are is the caller's business; the store only counts, atomically.
 *
 * A counter is **forgotten** once `policy.forgetAfterMs` has passed since its last failure: from then on every
 * method treats it as absent, and the store frees its room by itself (SQL deletes forgotten rows as new ones
 * arrive; DynamoDB's time to live removes the items). Counters are short-lived and are not records: copy, backup
 * and restore leave them out.
 */
export interface LoginAttemptStore {
  /**
   * Admits one login attempt under `key` at `now` (ISO time), or refuses it, following the backoff `policy`
   * (`nextAttemptAt` in the domain): with fewer than `policy.freeFailures` failures, or once the wait after the
   * last failure has passed, the attempt is admitted and counted at once as a failure (last failure = `now`),
   * before its password is checked; a correct password then takes it back with `clear` or `forgive`. Otherwise
   * nothing is written and the answer says when an attempt will be admitted.
   *
   * Atomic: of any number of claims at the same time, from any number of server copies, exactly as many are
   * admitted as the policy allows, and no count is lost. A forgotten counter starts again at 1.
   */
  claim(key: string, policy: BackoffPolicy, now: string): Promise<LoginAttemptClaim>;

  /**
   * Takes `failures` failures off the counter (never below 0), leaving the time of its last failure as it is.
   * Does nothing when the counter is absent or forgotten at `now`. Atomic, like `claim`.
   */
  forgive(key: string, failures: number, now: string): Promise<void>;

  /** Removes the counter. @returns the failures it held: 0 when it was absent or forgotten at `now`. */
  clear(key: string, now: string): Promise<number>;
}
