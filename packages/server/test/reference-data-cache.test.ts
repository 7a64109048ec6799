import { REFERENCE_PROGRAMS } from '@docket/domain';
import { meterStatements, type Datastore } from '@docket/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachingPrograms } from '../src/reference-data-cache';
import { openTestDatastore } from './helpers';

/** Programs are read once per state and served from memory after, until they are written through the cache. */

let datastore: Datastore;
beforeAll(async () => {
  datastore = await openTestDatastore();
});
afterAll(async () => {
  await datastore.close();
});

const statementsOf = async (work: () => Promise<unknown>) => (await meterStatements(work)).count.statements;

describe('the programs cache', () => {
  it("reads a state's programs once, then answers from memory with copies of them", async () => {
    const states = cachingPrograms(datastore.states);
    const expected = await datastore.states.listPrograms('MN');
    expect(expected.length).toBeGreaterThan(0);

    expect(await statementsOf(async () => expect(await states.listPrograms('MN')).toEqual(expected))).toBe(1);
    const copy = await states.listPrograms('MN');
    copy.pop();
    expect(await statementsOf(async () => expect(await states.listPrograms('MN')).toEqual(expected))).toBe(0);
    expect(
      await statementsOf(() => Promise.all([states.listPrograms('WI'), states.listPrograms('WI')])),
    ).toBe(1);
  });

  it('forgets what it kept when programs are written through it', async () => {
    const states = cachingPrograms(datastore.states);
    await states.listPrograms('MN');
    const program = REFERENCE_PROGRAMS.find((p) => p.stateCode === 'MN');
    if (!program) throw new Error('no program for MN');
    await states.upsertPrograms([{ ...program, fullName: 'Renamed while cached' }]);
    const read = await meterStatements(() => states.listPrograms('MN'));
    expect(read.count.statements).toBe(1);
    expect(read.result.find((p) => p.id === program.id)?.fullName).toBe('Renamed while cached');
    await datastore.states.upsertPrograms([program]);
  });

  it('keeps no answer for a code of no state', async () => {
    const states = cachingPrograms(datastore.states);
    expect(await states.listPrograms('ZZ')).toEqual([]);
    expect(await statementsOf(() => states.listPrograms('ZZ'))).toBe(1);
  });
});
