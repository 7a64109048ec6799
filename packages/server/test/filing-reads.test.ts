import type { ContractView, Problem } from '@docket/domain';
import type { ContractStore, Datastore } from '@docket/store';
import { datastoreLike } from '@docket/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeForm,
  completeRateForm,
  createContract,
  openTestDatastore,
  startTestApp,
  type TestApp,
  type UserClient,
} from './helpers';

/**
 * A filing is read as one snapshot, by its views and by the writes that decide from it. The races are made
 * exact here: a read of the filing is made, then its answer is held while another request changes the filing.
 * A read made of several requests would ask for a rate the change has deleted meanwhile.
 */

/** The next read of one contract: made at once, answered only once released. */
interface Hold {
  /** Resolves when the read has been made and is being held. */
  reached: Promise<void>;
  release(): void;
}

/** The datastore, with the reads of a contract by id (alone, with its rates, or whole) that a test can hold. */
function holdingReads(datastore: Datastore): { datastore: Datastore; holdNextRead(id: string): Hold } {
  let armed: { id: string; reached(): void; released: Promise<void> } | null = null;
  const held = async <T>(id: string, read: () => Promise<T>): Promise<T> => {
    const answer = await read();
    const hold = armed;
    if (hold && hold.id === id) {
      armed = null;
      hold.reached();
      await hold.released;
    }
    return answer;
  };
  const inner = datastore.contracts;
  const contracts: ContractStore = {
    create: (input) => inner.create(input),
    get: (id) => held(id, () => inner.get(id)),
    getWithRates: (id) => held(id, () => inner.getWithRates(id)),
    getFiling: (id) => held(id, () => inner.getFiling(id)),
    apply: (id, input) => inner.apply(id, input),
    applyToFiling: (id, input) => inner.applyToFiling(id, input),
    applyAll: (parts) => inner.applyAll(parts),
    listByState: (stateCode, page) => inner.listByState(stateCode, page),
    listSubmitted: (page) => inner.listSubmitted(page),
    listAll: (page) => inner.listAll(page),
    listContracts: (query, page) => inner.listContracts(query, page),
    assignReviewer: (id, input) => inner.assignReviewer(id, input),
    unassignReviewer: (id, input) => inner.unassignReviewer(id, input),
  };
  return {
    datastore: datastoreLike(datastore, { contracts }),
    holdNextRead(id) {
      let reached = () => {};
      let release = () => {};
      const hold = {
        reached: new Promise<void>((resolve) => (reached = resolve)),
        released: new Promise<void>((resolve) => (release = resolve)),
      };
      armed = { id, reached, released: hold.released };
      return { reached: hold.reached, release };
    },
  };
}

let t: TestApp;
let store: Datastore;
let holdNextRead: (id: string) => Hold;
let mn: UserClient;
beforeAll(async () => {
  store = await openTestDatastore();
  const holding = holdingReads(store);
  holdNextRead = holding.holdNextRead;
  t = await startTestApp({ datastore: holding.datastore });
  mn = await t.loginAs('STATE_USER', { state: 'MN' });
});
afterAll(async () => {
  await t.close();
  await store.close();
});

/** A draft with two new rates, never submitted: a save or a submission that drops them deletes them. */
async function draftWithTwoRates(formData = completeForm('MN', { submissionType: 'CONTRACT_AND_RATES' })) {
  const created = await createContract(mn);
  const response = await mn.put(`/api/contracts/${created.id}/draft`, {
    version: created.version,
    formData,
    rates: [
      { kind: 'NEW', rateId: null, formData: completeRateForm('MN') },
      { kind: 'NEW', rateId: null, formData: completeRateForm('MN') },
    ],
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ContractView>();
}

describe('reads racing writes', () => {
  it('answers a read that a save overtakes with the filing as it was read, never 404', async () => {
    const draft = await draftWithTwoRates();
    const hold = holdNextRead(draft.id);
    const reading = mn.get(`/api/contracts/${draft.id}`);
    await hold.reached;

    // The save drops both rates, which were never submitted: they are deleted.
    const saved = await mn.put(`/api/contracts/${draft.id}/draft`, {
      version: draft.version,
      formData: completeForm('MN', { submissionType: 'CONTRACT_AND_RATES' }),
      rates: [{ kind: 'NEW', rateId: null, formData: completeRateForm('MN') }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    hold.release();
    const read = await reading;

    expect(read.statusCode, read.body).toBe(200);
    const view = read.json<ContractView>();
    expect(view.version).toBe(draft.version);
    expect(view.rates.map((r) => r.id)).toEqual(draft.rates.map((r) => r.id));
  });

  it('ends two racing submits of one draft in one submission and one 409, never a 404', async () => {
    // Contract only, with two rates on the draft: the submission drops them, deleting them.
    const ready = await draftWithTwoRates(completeForm('MN'));
    const hold = holdNextRead(ready.id);
    const late = mn.post(`/api/contracts/${ready.id}/submit`, { version: ready.version });
    await hold.reached;

    const first = await mn.post(`/api/contracts/${ready.id}/submit`, { version: ready.version });
    hold.release();
    const second = await late;

    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<ContractView>()).toMatchObject({ status: 'SUBMITTED', rates: [] });
    expect(second.statusCode, second.body).toBe(409);
    expect(second.json<Problem>().code).toBe('VERSION_CONFLICT');
  });

  it('ends two submits sent at once in one submission and one 409', async () => {
    const ready = await draftWithTwoRates(completeForm('MN'));
    const responses = await Promise.all([
      mn.post(`/api/contracts/${ready.id}/submit`, { version: ready.version }),
      mn.post(`/api/contracts/${ready.id}/submit`, { version: ready.version }),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const refused = responses.find((r) => r.statusCode === 409)?.json<Problem>();
    expect(['VERSION_CONFLICT', 'INVALID_TRANSITION']).toContain(refused?.code);
  });
});
