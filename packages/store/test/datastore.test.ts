import { expect, it } from 'vitest';
import { buildContractInput, describeEachDatastore, freshState } from './conformance';

describeEachDatastore('Datastore', (t) => {
  it('is of the kind its adapter makes, and answers a ping', async () => {
    expect(t.datastore.kind).toBe(t.adapter.name);
    await expect(t.datastore.ping()).resolves.toBeUndefined();
  });

  it('migrates again without harm: idempotent, data kept', async () => {
    const contract = await t.datastore.contracts.create(buildContractInput(await freshState(t.datastore)));

    await t.datastore.migrate();

    expect(await t.datastore.contracts.get(contract.id)).toEqual(contract);
  });
});
