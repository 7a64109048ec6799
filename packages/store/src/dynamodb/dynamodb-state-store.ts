import { NotFoundError, type Program, type State } from '@docket/domain';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StateRecord, StateStore } from '../state-store';
import {
  batchGet,
  batchWrite,
  forEachLimited,
  PARALLEL_REQUESTS,
  queryAll,
  retrying,
  type Database,
} from './database';
import { isTransient, RetryableConflict } from './errors';
import { entityOf, programItem, stateItem, toProgram, toStateRecord } from './items';
import { GLOBAL_INDEX, globalKeys, keys, OWNER_INDEX, owners } from './keys';

/** The last of each key: a batch may not write the same item twice. */
function lastByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

function sameProgram(a: Program, b: Program): boolean {
  return (
    a.stateCode === b.stateCode &&
    a.name === b.name &&
    a.fullName === b.fullName &&
    a.isRateProgram === b.isRateProgram &&
    a.isDeprecated === b.isDeprecated
  );
}

export class DynamoStateStore implements StateStore {
  constructor(private readonly db: Database) {}

  async upsertStates(list: readonly State[]): Promise<void> {
    await forEachLimited(
      lastByKey(list, (s) => s.code),
      PARALLEL_REQUESTS,
      (state) =>
        retrying(async () => {
          const item = stateItem({ ...state, lastContractNumber: 0, lastRateNumber: 0 });
          try {
            // Only the name is ever updated: the counters belong to the contracts and rates numbered from them.
            await this.db.documents.send(
              new UpdateCommand({
                TableName: this.db.table,
                Key: keys.state(state.code),
                UpdateExpression:
                  'SET #entity = :entity, #code = :code, #name = :name, #gk = :gk, #gs = :gs, ' +
                  '#contracts = if_not_exists(#contracts, :zero), #rates = if_not_exists(#rates, :zero)',
                ExpressionAttributeNames: {
                  '#entity': 'entity',
                  '#code': 'code',
                  '#name': 'name',
                  '#gk': GLOBAL_INDEX.partition,
                  '#gs': GLOBAL_INDEX.sort,
                  '#contracts': 'lastContractNumber',
                  '#rates': 'lastRateNumber',
                },
                ExpressionAttributeValues: {
                  ':entity': item.entity,
                  ':code': item.code,
                  ':name': item.name,
                  ':gk': item[GLOBAL_INDEX.partition],
                  ':gs': item[GLOBAL_INDEX.sort],
                  ':zero': 0,
                },
              }),
            );
          } catch (error) {
            // A contract being created holds the state's item in its transaction for a moment.
            if (isTransient(error)) throw new RetryableConflict('state item busy');
            throw error;
          }
        }),
    );
  }

  async listStates(): Promise<StateRecord[]> {
    const [partition] = globalKeys('STATES');
    const items = await queryAll(this.db, {
      IndexName: GLOBAL_INDEX.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': GLOBAL_INDEX.partition },
      ExpressionAttributeValues: { ':pk': partition },
    });
    return items.map(toStateRecord);
  }

  async getState(code: string): Promise<StateRecord> {
    const { Item } = await this.db.documents.send(
      new GetCommand({ TableName: this.db.table, Key: keys.state(code), ConsistentRead: true }),
    );
    if (!Item) throw new NotFoundError('State', code);
    return toStateRecord(Item);
  }

  async upsertPrograms(list: readonly Program[]): Promise<{ inserted: number; updated: number }> {
    if (list.length === 0) return { inserted: 0, updated: 0 };
    const programs = lastByKey(list, (p) => p.id.toLowerCase());
    // Builds every item first: an id that is not a UUID refuses the whole batch before anything is written.
    const items = programs.map(programItem);

    const codes = [...new Set(programs.map((p) => p.stateCode))];
    const states = (await batchGet(this.db, codes.map(keys.state))).map(toStateRecord);
    const missing = codes.find((code) => !states.some((state) => state.code === code));
    if (missing !== undefined) throw new NotFoundError('State', missing);

    const existing = new Map(
      (
        await batchGet(
          this.db,
          items.map((item) => keys.program(String(item.id))),
        )
      )
        .map(toProgram)
        .map((program) => [program.id, program]),
    );
    let inserted = 0;
    let updated = 0;
    const changed = items.filter((item) => {
      const program = toProgram(item);
      const before = existing.get(program.id);
      if (!before) inserted += 1;
      else if (!sameProgram(before, program)) updated += 1;
      else return false;
      return true;
    });
    await batchWrite(
      this.db,
      changed.map((item) => ({ put: item })),
    );
    return { inserted, updated };
  }

  async listPrograms(stateCode: string): Promise<Program[]> {
    const items = await queryAll(this.db, {
      IndexName: OWNER_INDEX.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': OWNER_INDEX.partition },
      ExpressionAttributeValues: { ':pk': owners.statePrograms(stateCode) },
    });
    return items
      .filter((item) => entityOf(item) === 'PROGRAM')
      .map(toProgram)
      .sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
