import {
  CONTRACT_FORM_SCHEMA_VERSION,
  NotFoundError,
  UniquenessError,
  contractFormV1Schema,
  newId,
  type Contract,
} from '@docket/domain';
import { expect, it } from 'vitest';
import {
  at,
  buildActor,
  buildApply,
  buildContractInput,
  buildEvent,
  buildFormData,
  describeEachDatastore,
  freshState,
  unlock,
} from './conformance';

describeEachDatastore('ContractStore: create and get', (t) => {
  it('creates a contract at version 1 with one draft revision and its event, and gets it back', async () => {
    const stateCode = await freshState(t.datastore);
    const input = buildContractInput(stateCode, {
      at: '2026-03-04T05:06:07.089Z',
      formData: buildFormData({ submissionDescription: 'Round trip' }),
    });

    const created = await t.datastore.contracts.create(input);

    expect(created).toEqual({
      id: input.id,
      stateCode,
      stateNumber: 1,
      version: 1,
      createdAt: input.at,
      updatedAt: input.at,
      mccrsId: null,
      revisions: [
        {
          id: input.revisionId,
          contractId: input.id,
          number: 1,
          formData: input.formData,
          rateLinks: [],
          createdAt: input.at,
          updatedAt: input.at,
          submitted: null,
          unlocked: null,
        },
      ],
      reviewActions: [],
      reversedRevisions: [],
    });
    expect(await t.datastore.contracts.get(input.id)).toEqual(created);
    expect(await t.datastore.events.listForContract(input.id)).toEqual([input.event]);
  });

  it('refuses an unknown id with NotFoundError', async () => {
    await expect(t.datastore.contracts.get(newId())).rejects.toBeInstanceOf(NotFoundError);
    await expect(t.datastore.contracts.get('not-a-uuid')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a contract for a state that is not stored with NotFoundError, writing nothing', async () => {
    const input = buildContractInput('ZZ-NOPE');

    await expect(t.datastore.contracts.create(input)).rejects.toBeInstanceOf(NotFoundError);
    await expect(t.datastore.contracts.get(input.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.datastore.events.listForContract(input.id)).toEqual([]);
  });

  it('numbers each state on its own counter', async () => {
    const [first, second] = [await freshState(t.datastore), await freshState(t.datastore)];

    const numbers = [];
    for (const code of [first, first, second, first, second]) {
      numbers.push((await t.datastore.contracts.create(buildContractInput(code))).stateNumber);
    }

    expect(numbers).toEqual([1, 2, 1, 3, 2]);
    expect((await t.datastore.states.getState(first)).lastContractNumber).toBe(3);
  });

  it('never hands a number out twice, however many creates race', async () => {
    const stateCode = await freshState(t.datastore);
    const count = 50;

    const created = await Promise.all(
      Array.from({ length: count }, () => t.datastore.contracts.create(buildContractInput(stateCode))),
    );

    const numbers = created.map((c) => c.stateNumber).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect((await t.datastore.states.getState(stateCode)).lastContractNumber).toBe(count);
  });

  it('gives the number back when a create fails (duplicate contract id), leaving no trace', async () => {
    const stateCode = await freshState(t.datastore);
    const existing = await t.datastore.contracts.create(buildContractInput(stateCode));
    const clash = buildContractInput(stateCode, { id: existing.id });

    await expect(t.datastore.contracts.create(clash)).rejects.toBeInstanceOf(UniquenessError);

    expect(await t.datastore.contracts.get(existing.id)).toEqual(existing);
    expect((await t.datastore.states.getState(stateCode)).lastContractNumber).toBe(1);
    expect((await t.datastore.contracts.create(buildContractInput(stateCode))).stateNumber).toBe(2);
  });

  it('writes no contract when its event cannot be written (EVENT_EXISTS)', async () => {
    const stateCode = await freshState(t.datastore);
    const taken = buildEvent();
    await t.datastore.events.append(taken);
    const input = buildContractInput(stateCode, { event: { ...taken, action: 'CREATE_CONTRACT' } });

    await expect(t.datastore.contracts.create(input)).rejects.toMatchObject({ code: 'EVENT_EXISTS' });
    await expect(t.datastore.contracts.get(input.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await t.datastore.states.getState(stateCode)).lastContractNumber).toBe(0);
  });

  it('reads a revision stored in version 1 of the form back as version 1; a new revision takes the current form', async () => {
    const created = await t.datastore.contracts.create(buildContractInput(await freshState(t.datastore)));
    const [revision] = created.revisions;
    if (!revision) throw new Error('no revision');
    const v1 = contractFormV1Schema.parse({
      schemaVersion: 1,
      populationCovered: 'MEDICAID',
      programIDs: [newId()],
      submissionType: 'CONTRACT_ONLY',
      contractType: 'BASE',
      riskBasedContract: false,
      submissionDescription: 'Filed before the form asked for contract details',
      stateContacts: [
        { givenName: 'Old', familyName: 'Form', titleRole: 'Analyst', email: 'old@state.test' },
      ],
    });
    const old: Contract = {
      ...created,
      version: 2,
      revisions: [
        { ...revision, formData: v1, submitted: { at: at(1_000), by: buildActor(), reason: null } },
      ],
    };
    // Written as stored by an older release: transfer stores revisions as given.
    await t.datastore.transfer.write('contracts', [old]);

    const read = await t.datastore.contracts.get(old.id);
    expect(read).toEqual(old);
    expect(read.revisions[0]?.formData).toEqual(v1);
    expect(read.revisions[0]?.formData).not.toHaveProperty('contractDetails');

    const unlocked = await t.datastore.contracts.apply(old.id, buildApply(old, unlock(old)));
    expect(unlocked.revisions.map((r) => r.formData.schemaVersion)).toEqual([
      1,
      CONTRACT_FORM_SCHEMA_VERSION,
    ]);
    expect(unlocked.revisions[0]).toEqual(old.revisions[0]);
  });
});
