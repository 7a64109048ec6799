import { describe, expect, it } from 'vitest';
import { emailSchema, newUserSchema, normalizeEmail } from '../src';

describe('the normal form of an email', () => {
  it('is trimmed and lower-cased, and stays as it is once normal', () => {
    expect(normalizeEmail('  Alice@X.gov\t')).toBe('alice@x.gov');
    expect(normalizeEmail('alice@x.gov ')).toBe(normalizeEmail('ALICE@x.GOV'));
    expect(normalizeEmail(normalizeEmail(' Bob@Y.gov '))).toBe('bob@y.gov');
  });

  it('is what the schemas of users keep', () => {
    expect(emailSchema.parse(' Alice@X.gov ')).toBe(normalizeEmail(' Alice@X.gov '));
    const user = newUserSchema.parse({
      email: '\nSam.Analyst@State.GOV ',
      givenName: 'Sam',
      familyName: 'Analyst',
      role: 'STATE_USER',
      stateCode: 'MN',
    });
    expect(user.email).toBe('sam.analyst@state.gov');
    expect(emailSchema.safeParse('  not an email ').success).toBe(false);
  });
});
