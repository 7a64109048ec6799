import { newId, type Contract } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { canonicalJson, ContentHash, contentHashOf } from '../src/transfer';

const actor = { userId: newId(), email: 'ann@mn.gov', name: 'Ann Lee', role: 'STATE_USER' as const };

function contract(): Contract {
  const id = newId();
  return {
    id,
    stateCode: 'MN',
    stateNumber: 7,
    version: 3,
    createdAt: '2026-01-02T03:04:05.678Z',
    updatedAt: '2026-01-02T03:05:05.678Z',
    mccrsId: null,
    revisions: [
      {
        id: newId(),
        contractId: id,
        number: 1,
        formData: {
          schemaVersion: 1,
          programIDs: [newId(), newId()],
          populationCovered: 'MEDICAID',
          riskBasedContract: false,
          submissionDescription: 'Base contract',
          stateContacts: [
            { givenName: 'Sam', familyName: 'Analyst', titleRole: 'Lead', email: 'sam@mn.gov' },
          ],
        },
        rateLinks: [{ rateId: newId(), rateRevisionId: newId() }],
        createdAt: '2026-01-02T03:04:05.678Z',
        updatedAt: '2026-01-02T03:04:06.000Z',
        submitted: { at: '2026-01-02T03:04:07.000Z', by: actor, reason: null },
        unlocked: null,
      },
    ],
    reversedRevisions: [],
    reviewActions: [
      {
        id: newId(),
        action: 'APPROVE',
        at: '2026-01-03T00:00:00.000Z',
        by: { ...actor, role: 'CMS_APPROVER' },
        reason: null,
        dateApprovalReleasedToState: '2026-01-03',
      },
    ],
  };
}

/** Every leaf of a JSON value with a way to change it, by path. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      leaves(item, [...path, Array.isArray(value) ? Number(key) : key]),
    );
  }
  return [path];
}

function changedAt(record: Contract, path: (string | number)[]): Contract {
  const copy = structuredClone(record);
  let parent: Record<string | number, unknown> = copy as unknown as Record<string, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1) ?? '';
  const old = parent[last];
  parent[last] =
    typeof old === 'string'
      ? `${old}x`
      : typeof old === 'number'
        ? old + 1
        : typeof old === 'boolean'
          ? !old
          : 'now set';
  return copy;
}

describe('canonical JSON', () => {
  it('sorts object keys at every depth, keeps array order and leaves out undefined values', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
    expect(canonicalJson({ é: 1, e: 2, E: 3 })).toBe('{"E":3,"e":2,"é":1}');
  });

  it('refuses what JSON cannot carry unchanged', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ at: new Date() })).toThrow(TypeError);
    expect(() => canonicalJson({ big: 1n })).toThrow(TypeError);
  });
});

describe('content hash', () => {
  it('does not depend on the order of the records or of their keys', () => {
    const records = Array.from({ length: 20 }, contract);
    const shuffled = [...records].reverse().map((r) => Object.fromEntries(Object.entries(r).reverse()));

    expect(contentHashOf(shuffled)).toBe(contentHashOf(records));
    expect(contentHashOf(records)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any field of any record changes', () => {
    const records = [contract(), contract(), contract()];
    const original = contentHashOf(records);
    const paths = leaves(records[1]);
    expect(paths.length).toBeGreaterThan(30);

    for (const path of paths) {
      const changed = [records[0], changedAt(records[1] as Contract, path), records[2]];
      expect(contentHashOf(changed), path.join('.')).not.toBe(original);
    }
    const { mccrsId: _dropped, ...withoutField } = records[1] as Contract;
    expect(contentHashOf([records[0], withoutField, records[2]])).not.toBe(original);
  });

  it('counts records: a duplicate, a missing record or an extra one changes it', () => {
    const [a, b] = [contract(), contract()];

    expect(contentHashOf([a, b, b])).not.toBe(contentHashOf([a, b]));
    expect(contentHashOf([a])).not.toBe(contentHashOf([a, b]));
    expect(contentHashOf([])).not.toBe(contentHashOf([{}]));
    expect(contentHashOf([a, a, b, b])).not.toBe(contentHashOf([a, b]));
  });

  it('streams: records added one at a time give the hash of the whole set', () => {
    const records = Array.from({ length: 5 }, contract);
    const hash = new ContentHash();
    for (const record of records) hash.add(record);

    expect(hash.count).toBe(5);
    expect(hash.digest()).toBe(contentHashOf(records));
  });
});
