import { buildActor, buildContract, buildRate } from '@docket/domain/testing';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/transfer';
import {
  ARCHIVE_VERSIONS,
  ARCHIVED_KINDS,
  archivedRecordSchema,
  KINDS_ADDED_SINCE,
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
    expect(KINDS_ADDED_SINCE).toEqual(['reviewers']);
  });
});
