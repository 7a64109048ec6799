import { linkedRateIds, NotFoundError, VersionConflictError, type Contract, type Rate } from '@docket/domain';
import { expect, it } from 'vitest';
import type { ContractChange, ContractWithRates } from '../src/contract-store';
import type { Datastore } from '../src/datastore';
import {
  buildApply,
  buildContractInput,
  describeEachDatastore,
  discardRate,
  draftLinks,
  filedWithRates,
  fixedLinks,
  freshState,
  newRate,
  openRate,
  rateDraftOf,
  saveDraft,
  saveRate,
  submit,
  submitRate,
  unlock,
} from './conformance';

/**
 * Reads of a filing race its owner's changes: every read must be one snapshot (`ContractStore.getWithRates`).
 * The changes below add, replace and remove rates (a rate never submitted is deleted when it leaves the draft),
 * submit and unlock, while readers read as fast as they can.
 */

/** The next change of the churn, planned from the filing as its owner last wrote it. */
function nextChange(step: number, filing: ContractWithRates, linked: Rate): ContractChange {
  const { contract, rates } = filing;
  const links = contract.revisions.at(-1)?.rateLinks ?? [];
  const owned = rates.filter(
    (r) => r.parentContractId === contract.id && links.some((l) => l.rateId === r.id),
  );
  const fresh = (...created: { id: string }[]) => draftLinks(...created.map((r) => r.id));
  const unsubmitted = owned.filter((r) => r.revisions.at(-1)?.submitted === null);
  switch (step % 5) {
    case 0: {
      // Two new rates, after the ones the draft has, and the other filing's rate.
      const created = [newRate(), newRate()];
      return saveDraft(contract, undefined, {
        rateLinks: [...draftLinks(...owned.map((r) => r.id)), ...fresh(...created), ...fixedLinks(linked)],
        rates: { create: created, save: unsubmitted.map((r) => saveRate(r)) },
      });
    }
    case 1: {
      // The first never-submitted rate is replaced by a new one (and deleted).
      const [gone, ...kept] = unsubmitted;
      const created = newRate();
      const stays = owned.filter((r) => r.id !== gone?.id);
      return saveDraft(contract, undefined, {
        rateLinks: [...fresh(created), ...draftLinks(...stays.map((r) => r.id)), ...fixedLinks(linked)],
        rates: {
          create: [created],
          save: kept.map((r) => saveRate(r)),
          discard: gone ? [discardRate(gone)] : [],
        },
      });
    }
    case 2: {
      // Every never-submitted rate but the last leaves the draft (and is deleted).
      const leaving = unsubmitted.slice(0, -1);
      const stays = owned.filter((r) => !leaving.includes(r));
      return saveDraft(contract, undefined, {
        rateLinks: [...draftLinks(...stays.map((r) => r.id)), ...fixedLinks(linked)],
        rates: { discard: leaving.map(discardRate) },
      });
    }
    case 3:
      return submit(contract, {
        reason: contract.revisions.length > 1 ? 'Rates replaced' : null,
        rateLinks: [...fixedLinks(...owned), ...fixedLinks(linked)],
        rates: { submit: unsubmitted.map((r) => submitRate(r)) },
      });
    default:
      return unlock(contract, {
        rateLinks: links.map((l) => ({ rateId: l.rateId, rateRevisionId: null })),
        rates: { open: owned.map((r) => openRate(r)) },
      });
  }
}

/** Checks that a read holds together: each link has its rate, each fixed link its rate revision. */
function expectWhole({ contract, rates }: ContractWithRates): void {
  expect(rates.map((r) => r.id)).toEqual(linkedRateIds(contract.revisions));
  const byId = new Map(rates.map((r) => [r.id, r]));
  for (const link of contract.revisions.flatMap((r) => r.rateLinks)) {
    const rate = byId.get(link.rateId);
    expect(rate, `rate ${link.rateId} of contract ${contract.id}`).toBeDefined();
    if (link.rateRevisionId !== null) {
      expect(rate?.revisions.map((r) => r.id)).toContain(link.rateRevisionId);
    }
  }
}

/** Reads the filing over and over until `done`, keeping every answer and every failure. */
async function readUntil(
  datastore: Datastore,
  id: string,
  done: () => boolean,
): Promise<{ reads: ContractWithRates[]; failures: unknown[] }> {
  const reads: ContractWithRates[] = [];
  const failures: unknown[] = [];
  while (!done()) {
    try {
      reads.push(await datastore.contracts.getWithRates(id));
    } catch (error) {
      failures.push(error);
    }
  }
  return { reads, failures };
}

describeEachDatastore('Contracts: reads of a filing with its rates', (t) => {
  const apply = (contract: Contract, change: ContractChange) =>
    t.datastore.contracts.apply(contract.id, buildApply(contract, change));

  it('reads a contract and the rates it links, in order of first mention, each once', async () => {
    const stateCode = await freshState(t.datastore);
    const other = await filedWithRates(t.datastore, stateCode, 1);
    const [linked] = other.rates;
    if (!linked) throw new Error('no rate');
    const contract = await t.datastore.contracts.create(buildContractInput(stateCode));
    const created = [newRate(), newRate()];
    const saved = await apply(
      contract,
      saveDraft(contract, undefined, {
        rateLinks: [...fixedLinks(linked), ...draftLinks(...created.map((r) => r.id))],
        rates: { create: created },
      }),
    );

    const read = await t.datastore.contracts.getWithRates(saved.id);

    expect(read.contract).toEqual(saved);
    expect(read.contract).toEqual(await t.datastore.contracts.get(saved.id));
    expect(read.rates).toEqual(await t.datastore.rates.getMany([linked.id, ...created.map((r) => r.id)]));
    expect(read.rates.slice(1).map((r) => rateDraftOf(r).id)).toEqual(created.map((r) => r.revisionId));
    await expect(t.datastore.contracts.getWithRates(other.contract.id)).resolves.toEqual({
      contract: await t.datastore.contracts.get(other.contract.id),
      rates: other.rates,
    });
  });

  it('refuses an unknown or malformed id with NotFoundError', async () => {
    const ghost = (await t.datastore.contracts.create(buildContractInput(await freshState(t.datastore)))).id;
    const unknown = `${ghost.slice(0, -12)}000000000000`;
    await expect(t.datastore.contracts.getWithRates(unknown)).rejects.toBeInstanceOf(NotFoundError);
    await expect(t.datastore.contracts.getWithRates('not-a-uuid')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers every read racing saves, submits and unlocks with one whole snapshot, never NotFound', async () => {
    const stateCode = await freshState(t.datastore);
    const other = await filedWithRates(t.datastore, stateCode, 1);
    const [linked] = other.rates;
    if (!linked) throw new Error('no rate');
    const created = await t.datastore.contracts.create(buildContractInput(stateCode));
    // What the owner wrote, by version: a snapshot read at a version must be exactly this.
    const written = new Map<number, ContractWithRates>();
    const remember = async (contract: Contract): Promise<ContractWithRates> => {
      const filing = {
        contract,
        rates: await t.datastore.rates.getMany(linkedRateIds(contract.revisions)),
      };
      written.set(contract.version, filing);
      return filing;
    };

    let filing = await remember(created);
    let writing = true;
    const readers = Array.from({ length: 3 }, () => readUntil(t.datastore, created.id, () => !writing));
    try {
      for (let step = 0; step < 25; step++) {
        filing = await remember(await apply(filing.contract, nextChange(step, filing, linked)));
      }
    } finally {
      writing = false;
    }
    const results = await Promise.all(readers);

    expect(results.flatMap((r) => r.failures)).toEqual([]);
    const reads = results.flatMap((r) => r.reads);
    expect(reads.length).toBeGreaterThanOrEqual(25);
    for (const read of reads) {
      expectWhole(read);
      expect(read).toEqual(written.get(read.contract.version));
    }
    // The churn did what it says: rates came and went, and the filing went round the review cycle.
    expect(filing.contract.revisions.filter((r) => r.submitted)).toHaveLength(5);
    expect(new Set(reads.map((r) => r.contract.version)).size).toBeGreaterThan(1);
  });

  it('lets exactly one of two submits decided from racing reads win; the other conflicts, never NotFound', async () => {
    const stateCode = await freshState(t.datastore);
    for (let round = 0; round < 8; round++) {
      const created = await t.datastore.contracts.create(buildContractInput(stateCode));
      const rates = [newRate(), newRate()];
      const saved = await apply(
        created,
        saveDraft(created, undefined, {
          rateLinks: draftLinks(...rates.map((r) => r.id)),
          rates: { create: rates },
        }),
      );
      // As the use case submits a contract-only filing that the caller saw at `saved.version`: read it, check
      // the version, then submit without the rates it created, which are deleted with their drafts.
      const submitFromRead = async () => {
        const read = await t.datastore.contracts.getWithRates(created.id);
        const { version } = read.contract;
        if (version !== saved.version) {
          throw new VersionConflictError('Contract', created.id, saved.version, version);
        }
        return apply(
          read.contract,
          submit(read.contract, { rateLinks: [], rates: { discard: read.rates.map(discardRate) } }),
        );
      };

      const results = await Promise.allSettled([submitFromRead(), submitFromRead()]);

      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(refused).toHaveLength(1);
      expect(refused[0]).toBeInstanceOf(VersionConflictError);
    }
  });
});
