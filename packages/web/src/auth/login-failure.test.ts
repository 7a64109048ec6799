import { describe, expect, it } from 'vitest';
import { ApiError, retryAfterSeconds } from '../api/client';
import { loginFailureMessage } from './login-failure';

const refused = (wait: number | null) =>
  new ApiError(429, 'RATE_LIMITED', 'Too many failed attempts; try again in 15 minutes', [], wait);

describe('the sign-in failure message', () => {
  it('says how long to wait after too many failed attempts, in minutes or seconds', () => {
    expect(loginFailureMessage(refused(900))).toBe('Too many failed attempts; try again in 15 minutes.');
    expect(loginFailureMessage(refused(61))).toBe('Too many failed attempts; try again in 2 minutes.');
    expect(loginFailureMessage(refused(30))).toBe('Too many failed attempts; try again in 30 seconds.');
    expect(loginFailureMessage(refused(null))).toBe(
      'Too many failed attempts. For your security, wait a few minutes before you try again.',
    );
  });

  it('keeps the wrong-credentials message and passes anything else through', () => {
    const wrong = new ApiError(401, 'UNAUTHENTICATED', 'The email or password is not correct');
    expect(loginFailureMessage(wrong)).toBe(
      'The email or password is not correct. Check them and try again.',
    );
    expect(loginFailureMessage(new ApiError(0, 'NETWORK_ERROR', 'Docket could not reach the server.'))).toBe(
      'Docket could not reach the server.',
    );
  });

  it('reads Retry-After in seconds, and nothing else', () => {
    expect(retryAfterSeconds('900')).toBe(900);
    expect(retryAfterSeconds(' 30 ')).toBe(30);
    expect(retryAfterSeconds(null)).toBeNull();
    expect(retryAfterSeconds('Wed, 21 Oct 2026 07:28:00 GMT')).toBeNull();
    expect(retryAfterSeconds('-5')).toBeNull();
  });
});
