import { waitPhrase } from '@docket/domain';
import { ApiError, errorMessage } from '../api/client';

/** What the sign-in page says when a login fails: a wrong email or password, a wait, or whatever else went wrong. */
export function loginFailureMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'The email or password is not correct. Check them and try again.';
    if (error.status === 429) {
      return error.retryAfterSeconds === null
        ? 'Too many failed attempts. For your security, wait a few minutes before you try again.'
        : `Too many failed attempts; try again in ${waitPhrase(error.retryAfterSeconds)}.`;
    }
  }
  return errorMessage(error);
}
