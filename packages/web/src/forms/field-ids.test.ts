import { describe, expect, it } from 'vitest';
import { fieldIdFor, issueContext, messagesByField } from './field-ids';

describe('fieldIdFor', () => {
  it.each([
    [['populationCovered'], 'populationCovered'],
    [['programIDs'], 'programIDs'],
    [['programIDs', 2], 'programIDs'],
    [['submissionDescription'], 'submissionDescription'],
    [['stateContacts'], 'stateContacts'],
    [['stateContacts', 0, 'email'], 'stateContacts.0.email'],
    [['stateContacts', 3, 'givenName'], 'stateContacts.3.givenName'],
    [['stateContacts', 1], 'stateContacts'],
    [['stateContacts', 1, 'phone'], 'stateContacts'],
  ] as const)('maps %j to %s', (path, id) => {
    expect(fieldIdFor(path)).toBe(id);
  });

  it('answers null for paths the form does not show', () => {
    expect(fieldIdFor([])).toBeNull();
    expect(fieldIdFor(['schemaVersion'])).toBeNull();
    expect(fieldIdFor([0])).toBeNull();
  });
});

describe('issueContext', () => {
  it('names the contact an issue is about, counting from 1', () => {
    expect(issueContext(['stateContacts', 0, 'email'])).toBe('State contact 1');
    expect(issueContext(['programIDs'])).toBeNull();
  });
});

describe('messagesByField', () => {
  it('keeps the first message of each field', () => {
    const byField = messagesByField([
      { path: ['programIDs'], message: 'Choose at least one program' },
      { path: ['programIDs', 0], message: 'MSHO is retired and cannot be chosen' },
      { path: ['stateContacts', 0, 'email'], message: 'Enter a valid email address' },
      { path: ['schemaVersion'], message: 'Invalid input' },
    ]);
    expect([...byField]).toEqual([
      ['programIDs', 'Choose at least one program'],
      ['stateContacts.0.email', 'Enter a valid email address'],
    ]);
  });
});
