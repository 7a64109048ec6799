import { describe, expect, it } from 'vitest';
import {
  REFERENCE_PROGRAMS,
  canBeLinked,
  isLinkable,
  lastSubmittedRateRevision,
  latestRateRevision,
  rateRevisionName,
  rateStatus,
  type RateFormData,
  type RateStatus,
} from '../src';
import { buildContract, buildRate, completeRateForm } from '../src/testing';

type Step = 'submit' | 'unlock';

const mnPrograms = REFERENCE_PROGRAMS.filter((p) => p.stateCode === 'MN');
const [snbc, msho] = ['SNBC', 'MSHO'].map((name) => mnPrograms.find((p) => p.name === name)!);

const HISTORIES: [string, Step[], RateStatus, boolean][] = [
  ['never submitted', [], 'DRAFT', false],
  ['submitted once', ['submit'], 'SUBMITTED', true],
  ['unlocked after its first submission', ['submit', 'unlock'], 'UNLOCKED', true],
  ['resubmitted', ['submit', 'unlock', 'submit'], 'RESUBMITTED', true],
  ['unlocked again after a resubmission', ['submit', 'unlock', 'submit', 'unlock'], 'UNLOCKED', true],
  ['resubmitted twice', ['submit', 'unlock', 'submit', 'unlock', 'submit'], 'RESUBMITTED', true],
];

describe('rate status', () => {
  it.each(HISTORIES)('a rate %s is %s', (_, steps, status) => {
    expect(rateStatus(buildRate(steps))).toBe(status);
  });
});

describe('linking a rate', () => {
  it.each(HISTORIES)('a rate %s may be linked: %s', (_, steps, __, linkable) => {
    expect(isLinkable(buildRate(steps))).toBe(linkable);
  });
});

describe('rate revisions', () => {
  it('the latest is the last one, submitted or not', () => {
    const unlocked = buildRate(['submit', 'unlock']);
    expect(latestRateRevision(unlocked)).toBe(unlocked.revisions[1]);
    expect(latestRateRevision(unlocked).submitted).toBeNull();
    const submitted = buildRate(['submit']);
    expect(latestRateRevision(submitted)).toBe(submitted.revisions[0]);
  });

  it('a rate without revisions is an error, not an undefined latest', () => {
    expect(() => latestRateRevision({ revisions: [] })).toThrow();
  });

  it('the last submitted skips an open draft and is undefined before any submission', () => {
    expect(lastSubmittedRateRevision(buildRate())).toBeUndefined();
    const unlocked = buildRate(['submit', 'unlock', 'submit', 'unlock']);
    expect(lastSubmittedRateRevision(unlocked)?.number).toBe(2);
    expect(lastSubmittedRateRevision(unlocked)?.submitted?.at).toBe('2026-02-02T00:00:00.000Z');
    const resubmitted = buildRate(['submit', 'unlock', 'submit']);
    expect(lastSubmittedRateRevision(resubmitted)).toBe(resubmitted.revisions[1]);
  });
});

describe('rate revision name', () => {
  const rate = { stateCode: 'MN', stateNumber: 7 };

  it('is the generated name once the answers that make it are given, dates as YYYYMMDD', () => {
    const form = completeRateForm({ rateProgramIDs: [snbc!.id, msho!.id] });
    expect(rateRevisionName(rate, form, mnPrograms)).toBe(
      'MCR-MN-MSHO-SNBC-20260101-20261231-CERTIFICATION-20260301',
    );
  });

  it('names an amendment by its effective dates', () => {
    const form = completeRateForm({
      rateType: 'AMENDMENT',
      amendmentEffectiveDateStart: '2026-07-01',
      amendmentEffectiveDateEnd: '2026-12-31',
    });
    expect(rateRevisionName(rate, form, mnPrograms)).toBe('MCR-MN-MSHO-20260701-20261231-AMENDMENT-20260301');
  });

  it('does not wait for answers that are not part of the name', () => {
    const form = completeRateForm({
      rateCapitationType: undefined,
      rateDocuments: [],
      certifyingActuaryContacts: [],
      actuaryCommunicationPreference: undefined,
    });
    expect(rateRevisionName(rate, form, mnPrograms)).toBe(
      'MCR-MN-MSHO-20260101-20261231-CERTIFICATION-20260301',
    );
  });

  it('leaves out programs the state does not have', () => {
    const foreign = REFERENCE_PROGRAMS.find((p) => p.stateCode === 'FL')!;
    const form = completeRateForm({ rateProgramIDs: [foreign.id, msho!.id] });
    expect(rateRevisionName(rate, form, mnPrograms)).toBe(
      'MCR-MN-MSHO-20260101-20261231-CERTIFICATION-20260301',
    );
  });

  it.each([
    'rateType',
    'rateDateStart',
    'rateDateEnd',
    'rateDateCertified',
  ] as const satisfies readonly (keyof RateFormData)[])(
    'is a placeholder with the padded rate number while %s is missing',
    (field) => {
      const form = completeRateForm({ [field]: undefined });
      expect(rateRevisionName(rate, form, mnPrograms)).toBe('Rate MN-0007 (draft)');
    },
  );

  it('does not need programs for the generated name, and pads no further than four digits', () => {
    expect(rateRevisionName(rate, completeRateForm({ rateProgramIDs: [] }), mnPrograms)).toBe(
      'MCR-MN-20260101-20261231-CERTIFICATION-20260301',
    );
    const big = { stateCode: 'FL', stateNumber: 12345 };
    expect(rateRevisionName(big, completeRateForm({ rateDateEnd: undefined }), mnPrograms)).toBe(
      'Rate FL-12345 (draft)',
    );
  });
});

describe('which rates a contract may link', () => {
  it('takes a submitted rate of the same state whose filing is not withdrawn', () => {
    const rate = buildRate(['submit']);
    expect(canBeLinked(rate, buildContract(['submit']), rate.stateCode)).toBe(true);
    expect(canBeLinked(rate, buildContract(['submit', 'APPROVE']), rate.stateCode)).toBe(true);
  });

  it('refuses a draft rate, another state’s rate, a rate whose parent is unknown or withdrawn', () => {
    const rate = buildRate(['submit']);
    expect(canBeLinked(buildRate([]), buildContract(['submit']), rate.stateCode)).toBe(false);
    expect(canBeLinked(rate, buildContract(['submit']), 'ZZ')).toBe(false);
    expect(canBeLinked(rate, undefined, rate.stateCode)).toBe(false);
    expect(canBeLinked(rate, buildContract(['submit', 'WITHDRAW']), rate.stateCode)).toBe(false);
    expect(canBeLinked(rate, buildContract(['submit', 'WITHDRAW', 'UNDO_WITHDRAW']), rate.stateCode)).toBe(
      true,
    );
  });
});
