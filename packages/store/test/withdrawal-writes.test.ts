import {
  NotFoundError,
  ValidationError,
  VersionConflictError,
  type Contract,
  type ContractChange,
} from '@docket/domain';
import { expect, it } from 'vitest';
import { MAX_CONTRACTS_PER_WRITE, type ContractApplyPart } from '../src/contract-store';
import {
  at,
  buildApply,
  buildContractInput,
  buildEvent,
  describeEachDatastore,
  filedWithRates,
  freshState,
  reviewAction,
  submittedLinking,
} from './conformance';

/**
 * `ContractStore.applyAll`: a withdrawal's write to several contracts at once — the withdrawn contract's review
 * action, and the rates its other linkers take over — is atomic on every adapter, with every event.
 */
describeEachDatastore('ContractStore: applyAll (withdrawals)', (t) => {
  function part(
    contract: Contract,
    change: ContractChange,
    overrides: Parameters<typeof buildApply>[2] = {},
  ): ContractApplyPart {
    return { id: contract.id, ...buildApply(contract, change, { at: at(50_000), ...overrides }) };
  }
  const withdraw = () =>
    reviewAction({ action: 'WITHDRAW', reason: 'Filed in error', dateApprovalReleasedToState: null });
  const adopt = (rateId: string, from: Contract): ContractChange => ({
    kind: 'ADOPT_RATES',
    rates: { adopt: [{ rateId, fromContractId: from.id }] },
  });

  /** Contract A owns a submitted rate that contract B's submission links. */
  async function ownerAndLinker() {
    const stateCode = await freshState(t.datastore);
    const filed = await filedWithRates(t.datastore, stateCode, 1);
    const [rate] = filed.rates;
    if (!rate) throw new Error('no rate');
    const linker = await submittedLinking(t.datastore, stateCode, rate);
    return { owner: filed.contract, linker, rate };
  }

  async function stateOf(...contracts: Contract[]) {
    return Promise.all(
      contracts.map(async (c) => ({
        contract: await t.datastore.contracts.get(c.id),
        events: await t.datastore.events.listForContract(c.id),
        owned: (await t.datastore.rates.listByParent(c.id)).map((r) => r.id),
      })),
    );
  }

  it('withdraws one contract and moves its rate to another, atomically, with the events of both', async () => {
    const { owner, linker, rate } = await ownerAndLinker();
    const reparented = buildEvent({
      action: 'REPARENT_RATE',
      at: at(50_000),
      contractId: owner.id,
      stateCode: owner.stateCode,
    });
    const parts = [
      { ...part(owner, withdraw(), { event: { action: 'WITHDRAW' } }), moreEvents: [reparented] },
      part(linker, adopt(rate.id, owner)),
    ];

    const [withdrawn, adopter] = await t.datastore.contracts.applyAll(parts);

    expect(withdrawn?.version).toBe(owner.version + 1);
    expect(withdrawn?.reviewActions.at(-1)?.action).toBe('WITHDRAW');
    expect(adopter).toEqual({ ...linker, version: linker.version + 1, updatedAt: at(50_000) });
    expect((await t.datastore.rates.get(rate.id)).parentContractId).toBe(linker.id);
    expect((await t.datastore.rates.listByParent(linker.id)).map((r) => r.id)).toEqual([rate.id]);
    expect(await t.datastore.rates.listByParent(owner.id)).toEqual([]);
    const ownerEvents = await t.datastore.events.listForContract(owner.id);
    expect(
      ownerEvents
        .slice(-2)
        .map((e) => e.id)
        .sort(),
    ).toEqual([parts[0]?.event.id, reparented.id].sort());
    const linkerEvents = await t.datastore.events.listForContract(linker.id);
    expect(linkerEvents.at(-1)).toEqual(parts[1]?.event);
    // The new parent edits the rate from now on: the rate's page lists it first.
    expect((await t.datastore.rates.listLinkers(rate.id))[0]?.contract.id).toBe(linker.id);
    // Each filing reads back whole, its history with every event of the write (two on the owner's version).
    const ownerFiling = await t.datastore.contracts.getFiling(owner.id);
    expect(
      ownerFiling.history
        .slice(-2)
        .map((e) => e.id)
        .sort(),
    ).toEqual([parts[0]?.event.id, reparented.id].sort());
    expect(ownerFiling.contract).toEqual(withdrawn);
    const filing = await t.datastore.contracts.getFiling(linker.id);
    expect(filing.history.at(-1)).toEqual(parts[1]?.event);
    expect(filing.rates.map((r) => r.parentContractId)).toEqual([linker.id]);
    expect(filing.contract).toEqual(adopter);
  });

  it('writes nothing when any one contract is not at the version expected', async () => {
    const { owner, linker, rate } = await ownerAndLinker();
    const before = await stateOf(owner, linker);

    await expect(
      t.datastore.contracts.applyAll([
        part(owner, withdraw()),
        part(linker, adopt(rate.id, owner), { expectedVersion: linker.version - 1 }),
      ]),
    ).rejects.toBeInstanceOf(VersionConflictError);

    expect(await stateOf(owner, linker)).toEqual(before);
    expect((await t.datastore.rates.get(rate.id)).parentContractId).toBe(owner.id);
  });

  it('writes nothing when a rate is not the parent’s the adoption names', async () => {
    const { owner, linker, rate } = await ownerAndLinker();
    const before = await stateOf(owner, linker);

    await expect(
      t.datastore.contracts.applyAll([part(owner, withdraw()), part(linker, adopt(rate.id, linker))]),
    ).rejects.toBeInstanceOf(VersionConflictError);

    expect(await stateOf(owner, linker)).toEqual(before);
  });

  it('writes nothing when a contract is missing', async () => {
    const { owner } = await ownerAndLinker();
    const before = await stateOf(owner);
    const ghost = { ...owner, id: '7f7f7f7f-7f7f-4f7f-8f7f-7f7f7f7f7f7f' };

    await expect(
      t.datastore.contracts.applyAll([part(owner, withdraw()), part(ghost, withdraw())]),
    ).rejects.toBeInstanceOf(NotFoundError);

    expect(await stateOf(owner)).toEqual(before);
  });

  it('refuses a write naming a contract twice, none, or too many, before writing anything', async () => {
    const stateCode = await freshState(t.datastore);
    const contract = await t.datastore.contracts.create(buildContractInput(stateCode));
    await expect(t.datastore.contracts.applyAll([])).rejects.toBeInstanceOf(ValidationError);
    await expect(
      t.datastore.contracts.applyAll([part(contract, withdraw()), part(contract, withdraw())]),
    ).rejects.toBeInstanceOf(ValidationError);
    const many = Array.from({ length: MAX_CONTRACTS_PER_WRITE + 1 }, (_, i) => ({
      ...part(contract, withdraw()),
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    }));
    await expect(t.datastore.contracts.applyAll(many)).rejects.toBeInstanceOf(ValidationError);
    expect((await t.datastore.contracts.get(contract.id)).version).toBe(contract.version);
  });
});
