import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PGlite } from '@electric-sql/pglite';
import { newId, type Contract } from '@docket/domain';
import pg from 'pg';
import { expect, it } from 'vitest';
import type { DatastoreKind } from '../src/datastore';
import { meterStatements } from '../src/statement-meter';
import {
  applyChange,
  buildContractInput,
  buildFormData,
  describeEachDatastore,
  freshState,
  saveDraft,
  submit,
  unlock,
} from './conformance';

/**
 * What a dashboard page costs the engine: one query of the list projection (on DynamoDB one per shard of a
 * store-wide list), however large the contracts on it are, and never a read of their revisions.
 */

/** One request sent to the engine, as the driver was handed it. */
interface Sent {
  /** The SQL text, or the DynamoDB command's name and index. */
  what: string;
}

/** The driver method every request of a datastore kind goes through, to be counted while `work` runs. */
function driverMethod(kind: DatastoreKind): { owner: object; name: 'query' | 'send' } {
  if (kind === 'pglite') return { owner: PGlite.prototype, name: 'query' };
  if (kind === 'postgres') return { owner: pg.Client.prototype, name: 'query' };
  return { owner: DynamoDBDocumentClient.prototype, name: 'send' };
}

function describeRequest(first: unknown): string {
  if (typeof first === 'string') return first;
  if (typeof first === 'object' && first !== null) {
    const { text, input } = first as { text?: unknown; input?: { IndexName?: unknown } };
    if (typeof text === 'string') return text;
    return `${first.constructor.name}${input?.IndexName ? ` on ${String(input.IndexName)}` : ''}`;
  }
  return String(first);
}

/** Runs `work` while recording every request the driver sends. Tests in a file run one at a time. */
async function recording<T>(
  kind: DatastoreKind,
  work: () => Promise<T>,
): Promise<{ result: T; sent: Sent[] }> {
  const { owner, name } = driverMethod(kind);
  const target = owner as Record<string, unknown>;
  const own = Object.getOwnPropertyDescriptor(owner, name);
  const original = target[name] as (...args: unknown[]) => unknown;
  const sent: Sent[] = [];
  target[name] = function (this: unknown, ...args: unknown[]) {
    sent.push({ what: describeRequest(args[0]) });
    return original.apply(this, args);
  };
  try {
    return { result: await work(), sent };
  } finally {
    if (own) Object.defineProperty(owner, name, own);
    else delete target[name];
  }
}

describeEachDatastore('ContractStore: what a list page costs', (t) => {
  /** A contract with three revisions of long answers, submitted twice and unlocked. */
  async function heavy(stateCode: string): Promise<Contract> {
    const long = buildFormData({ submissionDescription: 'x'.repeat(1400), programIDs: [newId(), newId()] });
    let contract = await t.datastore.contracts.create(buildContractInput(stateCode, { formData: long }));
    contract = await applyChange(t.datastore, contract, submit(contract));
    contract = await applyChange(t.datastore, contract, unlock(contract));
    contract = await applyChange(t.datastore, contract, saveDraft(contract, long));
    contract = await applyChange(t.datastore, contract, submit(contract, { reason: 'Again' }));
    return applyChange(t.datastore, contract, unlock(contract));
  }

  it('reads a page of 25 with one query of the projection, never a revision', async () => {
    const stateCode = await freshState(t.datastore);
    for (let i = 0; i < 26; i++) await heavy(stateCode);
    const shards = t.datastore.kind === 'dynamodb' ? 4 : 1;

    const lists = {
      byState: () => t.datastore.contracts.listByState(stateCode, { limit: 25 }),
      all: () => t.datastore.contracts.listAll({ limit: 25 }),
      submitted: () => t.datastore.contracts.listSubmitted({ limit: 25 }),
    };
    for (const [name, list] of Object.entries(lists)) {
      const {
        result: { result, sent },
        count,
      } = await meterStatements(() => recording(t.datastore.kind, list));
      expect(result.items, name).toHaveLength(25);
      expect(result.nextCursor, name).not.toBeNull();
      // The statement meter counts on every adapter. The recorder sees what was sent where the driver's method
      // is the prototype's; PGlite's is wrapped on the instance by the meter, so its SQL (the same Drizzle builds
      // for the PostgreSQL server, where it is checked) is not seen here.
      expect(count.statements, `${name}: ${sent.map((s) => s.what).join(' | ')}`).toBe(
        name === 'byState' ? 1 : shards,
      );
      if (t.datastore.kind !== 'pglite') expect(sent.length, name).toBe(count.statements);
      for (const { what } of sent) {
        expect(what, name).not.toMatch(/contract_revisions|review_actions/);
        if (t.datastore.kind === 'dynamodb') expect(what, name).toMatch(/^QueryCommand on /);
      }
    }
  });
});
