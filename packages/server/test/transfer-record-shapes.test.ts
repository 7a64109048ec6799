import { buildActor, buildContract, buildRate, buildUser } from '@docket/domain/testing';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/transfer';
import {
  ARCHIVE_VERSIONS,
  ARCHIVED_KINDS,
  archivedRecordSchema,
  KINDS_SINCE_FORMAT,
} from '../src/transfer/record-schemas';

/**
 * Records of contracts and rates in archives written before undo unlock kept its drafts (ADR 0026) have no
 * `reversedRevisions`: they are read as written, so that their content hashes still match their manifests, and
 * restored with an empty list; records that hold some keep them.
 */
describe('archived contracts and rates, with and without reversed revisions', () => {
  const reversal = {
    at: '2026-03-02T00:00:00.000Z',
    by: buildActor({ role: 'ADMIN' }),
    reason: 'By mistake',
  };

  function withoutReversed<T extends { reversedRevisions: unknown }>(
    record: T,
  ): Omit<T, 'reversedRevisions'> {
    const { reversedRevisions: _gone, ...rest } = record;
    return rest;
  }

  it.each(ARCHIVE_VERSIONS.filter((v) => v > 1))(
    'format version %i: a record without them is read as written and restored with none',
    (version) => {
      const contract = buildContract(['submit']);
      const rate = buildRate(['submit']);
      for (const [kind, record] of [
        ['contracts', contract],
        ['rates', rate],
      ] as const) {
        const line = JSON.parse(JSON.stringify(withoutReversed(record))) as unknown;
        const read = archivedRecordSchema(version, kind).parse(line);
        expect(canonicalJson(read.archived), kind).toBe(canonicalJson(line));
        expect(read.record, kind).toEqual({ ...record, reversedRevisions: [] });
      }
    },
  );

  it('a record with them keeps them, and an unknown field beside them is still refused', () => {
    const contract = buildContract(['submit', 'unlock']);
    const draft = contract.revisions.pop()!;
    contract.reversedRevisions.push({ ...draft, reversed: reversal });
    const rate = buildRate(['submit', 'unlock']);
    const rateDraft = rate.revisions.pop()!;
    rate.reversedRevisions.push({ ...rateDraft, reversed: reversal });

    expect(archivedRecordSchema(3, 'contracts').parse(contract).record).toEqual(contract);
    expect(archivedRecordSchema(3, 'rates').parse(rate).record).toEqual(rate);
    const odd = { ...contract.reversedRevisions[0], reversed: { ...reversal, note: 'x' } };
    expect(
      archivedRecordSchema(3, 'contracts').safeParse({ ...contract, reversedRevisions: [odd] }).success,
    ).toBe(false);
  });
});

describe('archived email settings versions', () => {
  const saved = {
    version: 2,
    settings: {
      reviewTeamEmails: ['review@cms.example'],
      dmcoEmails: [],
      dmcpReviewEmails: [],
      dmcpSubmissionEmails: [],
      oactEmails: [],
      senderEmail: 'docket@cms.example',
      helpDeskEmail: null,
      cmsReviewHelpEmail: null,
      cmsRateHelpEmail: null,
    },
    savedAt: '2026-03-02T00:00:00.000Z',
    savedBy: buildActor({ role: 'ADMIN' }),
  };

  it('reads a saved version as written, in any format version', () => {
    for (const version of ARCHIVE_VERSIONS) {
      expect(archivedRecordSchema(version, 'emailSettings').parse(saved).record).toEqual(saved);
    }
  });

  it('refuses the defaults (version 0, never saved), an unknown field, and an address that is not one', () => {
    const schema = archivedRecordSchema(3, 'emailSettings');
    expect(schema.safeParse({ ...saved, version: 0 }).success).toBe(false);
    expect(schema.safeParse({ ...saved, savedAt: null }).success).toBe(false);
    expect(schema.safeParse({ ...saved, note: 'x' }).success).toBe(false);
    expect(schema.safeParse({ ...saved, settings: { ...saved.settings, extra: [] } }).success).toBe(false);
    expect(
      schema.safeParse({ ...saved, settings: { ...saved.settings, dmcoEmails: ['nope'] } }).success,
    ).toBe(false);
  });
});

describe('archived users, before users had versions', () => {
  it('reads a user without a version or a reset flag as written, and restores it at version 1', () => {
    const { version: _v, mustChangePassword: _m, ...old } = buildUser();
    const line = { user: old, passwordHash: '$argon2id$x' };
    for (const version of ARCHIVE_VERSIONS) {
      const read = archivedRecordSchema(version, 'users').parse(line);
      expect(canonicalJson(read.archived)).toBe(canonicalJson(line));
      expect(read.record).toEqual({ ...line, user: { ...old, version: 1, mustChangePassword: false } });
    }
    const current = { user: buildUser({ version: 4, mustChangePassword: true }), passwordHash: null };
    expect(archivedRecordSchema(3, 'users').parse(current).record).toEqual(current);
    expect(
      archivedRecordSchema(3, 'users').safeParse({ ...current, user: { ...current.user, x: 1 } }).success,
    ).toBe(false);
  });
});

/**
 * Reviewer assignments came after format version 3: archives of versions 2 and 3 may hold a part of them or not,
 * version 1 none; a record of one is strict, as every record is.
 */
describe('archived reviewer assignments', () => {
  const assignment = {
    contractId: '0b0f1d58-8d55-4f3e-9a3e-6b2b8f0f0a01',
    userId: '0b0f1d58-8d55-4f3e-9a3e-6b2b8f0f0a02',
    email: 'rita@cms.example',
    name: 'Rita Reviewer',
    role: 'CMS_USER',
    assignedBy: buildActor({ role: 'ADMIN' }),
    assignedAt: '2026-03-01T00:00:00.000Z',
  } as const;

  it('reads one as written, and refuses an unknown field', () => {
    const read = archivedRecordSchema(3, 'reviewers').parse(assignment);
    expect(read.record).toEqual(assignment);
    expect(canonicalJson(read.archived)).toBe(canonicalJson(assignment));
    expect(archivedRecordSchema(3, 'reviewers').safeParse({ ...assignment, note: 'x' }).success).toBe(false);
    expect(
      archivedRecordSchema(3, 'reviewers').safeParse({
        ...assignment,
        assignedBy: { ...assignment.assignedBy, extra: 1 },
      }).success,
    ).toBe(false);
  });

  it('is a kind every version since 2 may hold, and version 1 never', () => {
    expect(ARCHIVED_KINDS[1]).not.toContain('reviewers');
    expect(ARCHIVED_KINDS[2]).toContain('reviewers');
    expect(ARCHIVED_KINDS[3]).toContain('reviewers');
    expect(KINDS_SINCE_FORMAT).toEqual(['emailSettings', 'reviewers']);
  });
});
