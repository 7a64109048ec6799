import { describe, expect, it } from 'vitest';
import { answerName, fieldIdFor, inFormOrder, issueContext, messagesByField } from './field-ids';

describe('fieldIdFor', () => {
  it.each([
    [['populationCovered'], 'populationCovered'],
    [['programIDs'], 'programIDs'],
    [['programIDs', 2], 'programIDs'],
    [['submissionDescription'], 'submissionDescription'],
    [['stateContacts'], 'stateContacts'],
    [['stateContacts', 0, 'email'], 'stateContacts.0.email'],
    [['stateContacts', 3, 'givenName'], 'stateContacts.3.givenName'],
    [['stateContacts', 1], 'stateContacts.1'],
    [['stateContacts', 1, 'phone'], 'stateContacts.1'],
    [['contractDetails', 'contractDateEnd'], 'contractDetails.contractDateEnd'],
    [['contractDetails', 'contractDocuments'], 'contractDetails.contractDocuments'],
    [['contractDetails', 'contractDocuments', 1, 'name'], 'contractDetails.contractDocuments'],
    [['contractDetails', 'federalAuthorities', 0], 'contractDetails.federalAuthorities'],
    [
      ['contractDetails', 'provisions', 'modifiedGeoAreaServed'],
      'contractDetails.provisions.modifiedGeoAreaServed',
    ],
    [['rates'], 'rates'],
    [['rates', 1], 'rates.1'],
    [['rates', 0, 'rateDateStart'], 'rates.0.rateDateStart'],
    [['rates', 0, 'rateProgramIDs', 3], 'rates.0.rateProgramIDs'],
    [['rates', 2, 'certifyingActuaryContacts'], 'rates.2.certifyingActuaryContacts'],
    [['rates', 2, 'certifyingActuaryContacts', 1, 'email'], 'rates.2.certifyingActuaryContacts.1.email'],
    [
      ['rates', 0, 'addtlActuaryContacts', 0, 'actuarialFirmOther'],
      'rates.0.addtlActuaryContacts.0.actuarialFirmOther',
    ],
  ] as const)('maps %j to %s', (path, id) => {
    expect(fieldIdFor(path)).toBe(id);
  });

  it('answers null for paths the form does not show', () => {
    expect(fieldIdFor([])).toBeNull();
    expect(fieldIdFor(['schemaVersion'])).toBeNull();
    expect(fieldIdFor([0])).toBeNull();
    expect(fieldIdFor(['contractDetails'])).toBeNull();
    expect(fieldIdFor(['contractDetails', 'provisions'])).toBeNull();
    expect(fieldIdFor(['contractDetails', 'provisions', 'noSuchQuestion'])).toBeNull();
    expect(fieldIdFor(['rates', 0, 'schemaVersion'])).toBe('rates.0');
  });
});

describe('issueContext', () => {
  it('names the contact, rate and actuary an issue is about, counting from 1', () => {
    expect(issueContext(['stateContacts', 0, 'email'])).toBe('State contact 1');
    expect(issueContext(['rates', 1, 'rateDateStart'])).toBe('Rate certification 2');
    expect(issueContext(['rates', 0, 'certifyingActuaryContacts', 1, 'email'])).toBe(
      'Rate certification 1, certifying actuary 2',
    );
    expect(issueContext(['programIDs'])).toBeNull();
  });
});

describe('answerName', () => {
  it('names the answer of a path, provisions by their question', () => {
    expect(answerName(['rates', 0, 'rateDateStart'])).toBe('Rating period start date');
    expect(answerName(['contractDetails', 'contractDocuments', 2, 'name'])).toBe('Contract documents');
    expect(answerName(['contractDetails', 'provisions', 'modifiedLengthOfContract'])).toBe(
      'Length of the contract period',
    );
    expect(answerName(['schemaVersion'])).toBeNull();
  });
});

describe('messagesByField', () => {
  it('keeps the first message of each field', () => {
    const byField = messagesByField([
      { path: ['programIDs'], message: 'Choose at least one program' },
      { path: ['programIDs', 0], message: 'MSHO is retired and cannot be chosen' },
      { path: ['stateContacts', 0, 'email'], message: 'Enter a valid email address' },
      { path: ['rates', 0, 'rateDateEnd'], message: 'The rating period must end after it starts' },
      { path: ['schemaVersion'], message: 'Invalid input' },
    ]);
    expect([...byField]).toEqual([
      ['programIDs', 'Choose at least one program'],
      ['stateContacts.0.email', 'Enter a valid email address'],
      ['rates.0.rateDateEnd', 'The rating period must end after it starts'],
    ]);
  });
});

describe('inFormOrder', () => {
  it('orders issues as the form asks the answers, list items in order', () => {
    const paths = inFormOrder([
      { path: ['contractDetails', 'provisions', 'modifiedGeoAreaServed'], message: '' },
      { path: ['contractDetails', 'statutoryRegulatoryAttestation'], message: '' },
      { path: ['rates', 1, 'rateType'], message: '' },
      { path: ['rates', 0, 'certifyingActuaryContacts', 0, 'email'], message: '' },
      { path: ['rates', 0, 'rateDocuments'], message: '' },
      { path: ['contractDetails', 'contractDocuments'], message: '' },
      { path: ['contractDetails', 'provisions', 'inLieuServicesAndSettings'], message: '' },
      { path: ['populationCovered'], message: '' },
    ]).map((i) => i.path.join('.'));
    expect(paths).toEqual([
      'populationCovered',
      'contractDetails.contractDocuments',
      'contractDetails.statutoryRegulatoryAttestation',
      'contractDetails.provisions.inLieuServicesAndSettings',
      'contractDetails.provisions.modifiedGeoAreaServed',
      'rates.0.rateDocuments',
      'rates.0.certifyingActuaryContacts.0.email',
      'rates.1.rateType',
    ]);
  });
});
