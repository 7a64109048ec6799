import { contractFormDraftSchema, newId, STATES } from '@docket/domain';
import { TRANSFER_KINDS, type Datastore } from '@docket/store';
import { describeEachDatastore } from '@docket/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FilingPlan } from '../src/generate/filing-plan';
import {
  GENERATED_EMAIL_DOMAIN,
  generateFilings,
  planNthFiling,
  planPeople,
  realUsers,
  stateOfFiling,
  writeGeneration,
} from '../src/generate/generate-filings';
import { metadataOnlyDocuments } from '../src/generate/generated-forms';
import { seedReferenceData } from '../src/use-cases/seed-reference-data';
import { measureAll } from './transfer-fixtures';

/**
 * The generator writes the same plans two ways: change by change through the contract store, as the use cases
 * do, and folded into whole records written in bulk. Both must leave the same records in every adapter — every
 * kind, counted and hashed — so that a data set generated in bulk is one the application could have made.
 */

/** Enough filings for every status a filing can reach, in every state. */
const FILINGS = 60;

describeEachDatastore('generated filings', (store) => {
  let bulk: Datastore;
  const people = planPeople(FILINGS);
  const plans = new Map<number, Promise<FilingPlan>>();
  const plan = (n: number) => {
    let planned = plans.get(n);
    if (!planned) {
      planned = planNthFiling(n, people.people, metadataOnlyDocuments);
      plans.set(n, planned);
    }
    return planned;
  };

  beforeAll(async () => {
    bulk = await store.adapter.create();
    await seedReferenceData(bulk.states);
  });
  afterAll(async () => {
    await bulk?.close();
  });

  it('writes the same records change by change and in bulk, batches running at once', async () => {
    const filed: number[] = [];
    const oneByOne = await writeGeneration(store.datastore, people, plan, {
      filings: FILINGS,
      write: 'changes',
      concurrency: 1,
    });
    const batched = await writeGeneration(bulk, people, plan, {
      filings: FILINGS,
      write: 'bulk',
      batchSize: 8,
      concurrency: 3,
      onProgress: (n) => filed.push(n),
    });

    expect(batched).toEqual(oneByOne);
    expect(batched.filings).toBe(FILINGS);
    expect(filed.at(-1)).toBe(FILINGS);
    const expected = await measureAll(store.datastore);
    const actual = await measureAll(bulk);
    for (const kind of TRANSFER_KINDS) expect({ kind, ...actual[kind] }).toEqual({ kind, ...expected[kind] });
    expect(actual.contracts.count).toBe(FILINGS);
    expect(actual.rates.count).toBeGreaterThan(FILINGS / 2);
    expect(actual.events.count).toBe(batched.events);
  });

  it('leaves the states counters where the next create follows on', async () => {
    const stateCode = stateOfFiling(0);
    const filed = Math.ceil(FILINGS / STATES.length);
    for (const datastore of [store.datastore, bulk]) {
      expect((await datastore.states.getState(stateCode)).lastContractNumber).toBe(filed);
      const id = newId();
      const created = await datastore.contracts.create({
        id,
        stateCode,
        revisionId: newId(),
        formData: contractFormDraftSchema.parse({}),
        at: new Date().toISOString(),
        event: {
          id: newId(),
          at: new Date().toISOString(),
          actor: null,
          action: 'CREATE_CONTRACT',
          reason: null,
          stateCode,
          contractId: id,
          revisionId: null,
          details: {},
        },
      });
      expect(created.stateNumber).toBe(filed + 1);
    }
  });

  it('fills forms of about 5 KB, in every state, with filings in each lifecycle status', async () => {
    const seen = new Set<string>();
    const sizes: number[] = [];
    const statuses = new Set<string>();
    const planned = new Set((await Promise.all(plans.values())).map((p) => p.contract.id));
    for await (const batch of bulk.transfer.read('contracts', { batchSize: 50 })) {
      for (const contract of batch.records.filter((c) => planned.has(c.id))) {
        seen.add(contract.stateCode);
        const latest = contract.revisions.at(-1);
        if (latest) sizes.push(JSON.stringify(latest.formData).length);
        statuses.add(
          `${latest?.submitted ? 'submitted' : 'draft'}${contract.revisions.length > 1 ? ' again' : ''}` +
            `${contract.reviewActions.length > 0 ? ' approved' : ''}`,
        );
      }
    }
    expect(seen.size).toBe(Math.min(FILINGS, STATES.length));
    expect(Math.min(...sizes)).toBeGreaterThan(4_000);
    expect(Math.max(...sizes)).toBeLessThan(7_000);
    expect([...statuses].sort()).toEqual(
      ['draft', 'submitted', 'submitted again', 'submitted approved', 'submitted again approved'].sort(),
    );
  });

  it('tells generated and demo users from real ones', async () => {
    expect(await realUsers(bulk)).toEqual([]);
    const email = `someone.${newId().slice(-6)}@agency.example.gov`;
    await bulk.users.create({
      user: {
        id: newId(),
        email,
        givenName: 'Real',
        familyName: 'Person',
        role: 'ADMIN',
        stateCode: null,
        division: null,
        assignedStates: [],
        disabled: false,
        createdAt: new Date().toISOString(),
        version: 1,
        mustChangePassword: false,
      },
      passwordHash: null,
      event: {
        id: newId(),
        at: new Date().toISOString(),
        actor: null,
        action: 'CREATE_USER',
        reason: null,
        stateCode: null,
        contractId: null,
        revisionId: null,
        details: {},
      },
    });
    expect(await realUsers(bulk)).toEqual([email]);
    expect(people.users.every(({ user }) => user.email.endsWith(`@${GENERATED_EMAIL_DOMAIN}`))).toBe(true);
  });

  it('adds to a datastore that already holds filings, numbering on', async () => {
    const before = (await bulk.states.getState(stateOfFiling(1))).lastContractNumber;
    const result = await generateFilings(bulk, { filings: 3, batchSize: 2 });
    expect(result.filings).toBe(3);
    expect(await bulk.transfer.count('contracts')).toBe(FILINGS + 1 + 3);
    expect((await bulk.states.getState(stateOfFiling(1))).lastContractNumber).toBe(before + 1);
  });
});
