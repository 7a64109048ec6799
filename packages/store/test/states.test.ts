import { NotFoundError, REFERENCE_PROGRAMS, STATES, newId, type Program } from '@docket/domain';
import { expect, it } from 'vitest';
import { buildContractInput, describeEachDatastore, freshState } from './conformance';

function buildProgram(stateCode: string, overrides: Partial<Program> = {}): Program {
  return {
    id: newId(),
    stateCode,
    name: 'SNBC',
    fullName: 'Special Needs BasicCare',
    isRateProgram: false,
    isDeprecated: false,
    ...overrides,
  };
}

describeEachDatastore('StateStore', (t) => {
  it('lists every seeded state ordered by code, with its counters', async () => {
    const states = await t.datastore.states.listStates();
    const codes = states.map((s) => s.code);
    expect(codes).toEqual([...codes].sort());
    for (const state of STATES) expect(codes).toContain(state.code);
    expect(states.find((s) => s.code === 'MN')).toMatchObject({ name: 'Minnesota', lastRateNumber: 0 });
  });

  it('gets a state, and refuses an unknown code with NotFoundError', async () => {
    expect(await t.datastore.states.getState('PR')).toMatchObject({ code: 'PR', name: 'Puerto Rico' });
    await expect(t.datastore.states.getState('ZZ-NOPE')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('upserts states idempotently, renaming but never touching the counters', async () => {
    const code = await freshState(t.datastore);
    await t.datastore.contracts.create(buildContractInput(code));
    await t.datastore.contracts.create(buildContractInput(code));

    await t.datastore.states.upsertStates([{ code, name: 'Renamed' }]);
    await t.datastore.states.upsertStates([{ code, name: 'Renamed' }]);

    expect(await t.datastore.states.getState(code)).toEqual({
      code,
      name: 'Renamed',
      lastContractNumber: 2,
      lastRateNumber: 0,
    });
    expect((await t.datastore.states.listStates()).filter((s) => s.code === code)).toHaveLength(1);
  });

  it('counts program inserts and real updates, and is idempotent', async () => {
    const code = await freshState(t.datastore);
    const first = buildProgram(code, { name: 'MSHO' });
    const second = buildProgram(code, { name: 'SNBC' });

    expect(await t.datastore.states.upsertPrograms([first, second])).toEqual({ inserted: 2, updated: 0 });
    expect(await t.datastore.states.upsertPrograms([first, second])).toEqual({ inserted: 0, updated: 0 });
    expect(
      await t.datastore.states.upsertPrograms([{ ...first, isDeprecated: true }, second, buildProgram(code)]),
    ).toEqual({ inserted: 1, updated: 1 });
    expect((await t.datastore.states.listPrograms(code)).find((p) => p.id === first.id)?.isDeprecated).toBe(
      true,
    );
  });

  it('re-imports the reference programs without a change', async () => {
    expect(await t.datastore.states.upsertPrograms(REFERENCE_PROGRAMS)).toEqual({ inserted: 0, updated: 0 });
  });

  it('refuses programs of an unknown state with NotFoundError, writing none of the batch', async () => {
    const code = await freshState(t.datastore);
    const good = buildProgram(code);
    const orphan = buildProgram('ZZ-NOPE');

    await expect(t.datastore.states.upsertPrograms([good, orphan])).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.datastore.states.listPrograms(code)).toEqual([]);
  });

  it("lists one state's programs by name, deprecated ones included; none for an unknown state", async () => {
    const code = await freshState(t.datastore);
    const programs = [
      buildProgram(code, { name: 'PMAP' }),
      buildProgram(code, { name: 'MSC+', isDeprecated: true }),
      buildProgram(code, { name: 'MNCare', isRateProgram: true }),
    ];
    await t.datastore.states.upsertPrograms(programs);

    const listed = await t.datastore.states.listPrograms(code);
    expect(listed.map((p) => p.name)).toEqual(['MNCare', 'MSC+', 'PMAP']);
    expect(listed).toContainEqual(programs[1]);
    expect(await t.datastore.states.listPrograms('ZZ-NOPE')).toEqual([]);
  });
});
