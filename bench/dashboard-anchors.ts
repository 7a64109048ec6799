import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import pg from 'pg';
import { DYNAMODB_LOCAL_CREDENTIALS } from '@docket/store/testing';
import { LIST_STATUS_ATTRIBUTE } from '../packages/store/src/dynamodb/items';
import {
  STATE_SHARED_INDEX,
  STATE_UPDATED_INDEX,
  stateLists,
  type IndexDefinition,
} from '../packages/store/src/dynamodb/keys';

/**
 * The anchors of the dashboard leg: the query a dashboard page makes, sent straight to the engine, with no server,
 * no session, no policy and no mapping of rows to summaries — what the page costs at the least on this machine in
 * this run. On PostgreSQL, the SQL the store sends (one ordered range of the same index per state, merged and cut
 * in the same statement) through a `pg` pool; on DynamoDB, one Query per state partition of the same index, side by
 * side, each with a Limit of a page and one and the same filter, merged and cut to a page.
 */

/** A dashboard view as the anchors ask for it: newest first by the view's last update. */
export interface AnchorView {
  /** SUBMITTED: a CMS reviewer's (submitted contracts, as last submitted); LATEST: drafts included. */
  view: 'SUBMITTED' | 'LATEST';
  states: readonly string[];
  /** Consolidated statuses; null: any. */
  statuses: readonly string[] | null;
}

/** One page of the anchor: its contracts' ids, and the key the next page starts after (null on the last). */
export interface AnchorPage {
  ids: string[];
  next: string | null;
}

export interface Anchor {
  /** The page after `after` (a `next` of an earlier page), or the first. */
  page(after: string | null): Promise<AnchorPage>;
  close(): Promise<void>;
}

export const PAGE = 25;

/** timestamptz, read as the text the server sends, so that a key goes back to it exactly (microseconds and all). */
const TIMESTAMPTZ_OID = 1184;

export function postgresAnchor(url: string, view: AnchorView, connections: number): Anchor {
  const pool = new pg.Pool({
    connectionString: url,
    max: connections,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === TIMESTAMPTZ_OID ? (value: string) => value : pg.types.getTypeParser(oid, format)) as never,
    },
  });
  const time = view.view === 'SUBMITTED' ? 'shared_updated_at' : 'updated_at';
  const statusAt = view.states.length + 1;
  const keyAt = statusAt + (view.statuses === null ? 0 : 1);
  const leg = (state: number, after: boolean) =>
    `(select * from contracts where state_code = $${state}` +
    (view.statuses === null ? '' : ` and list_status = any($${statusAt})`) +
    (view.view === 'SUBMITTED' ? ' and first_submitted_at is not null' : '') +
    (after ? ` and (${time}, id) < ($${keyAt}::timestamptz, $${keyAt + 1}::uuid)` : '') +
    ` order by ${time} desc, id desc limit ${PAGE + 1})`;
  const statement = (after: boolean) => {
    const legs = view.states.map((_, i) => leg(i + 1, after));
    return legs.length === 1
      ? (legs[0] ?? '')
      : `select * from (${legs.join(' union all ')}) as page order by ${time} desc, id desc limit ${PAGE + 1}`;
  };
  const first = statement(false);
  const following = statement(true);
  const head = [...view.states, ...(view.statuses === null ? [] : [[...view.statuses]])];
  return {
    async page(after) {
      const split = after?.lastIndexOf('#') ?? -1;
      const result = await pool.query<Record<string, string>>(
        after === null ? first : following,
        after === null ? head : [...head, after.slice(0, split), after.slice(split + 1)],
      );
      const rows = result.rows.slice(0, PAGE);
      const last = rows.at(-1);
      return {
        ids: rows.map((row) => String(row.id)),
        next: result.rows.length > PAGE && last ? `${last[time]}#${last.id}` : null,
      };
    },
    close: () => pool.end(),
  };
}

/** The table, region and endpoint of a `dynamodb://table?region=…&endpoint=…` locator. */
function dynamoTarget(locator: string): { table: string; region: string; endpoint: string } {
  const url = new URL(locator);
  const region = url.searchParams.get('region');
  const endpoint = url.searchParams.get('endpoint');
  if (!url.hostname || !region || !endpoint) throw new Error(`Not a DynamoDB Local locator: ${locator}`);
  return { table: url.hostname, region, endpoint };
}

export function dynamoAnchor(locator: string, view: AnchorView): Anchor {
  const { table, region, endpoint } = dynamoTarget(locator);
  const client = new DynamoDBClient({ region, endpoint, credentials: DYNAMODB_LOCAL_CREDENTIALS });
  const documents = DynamoDBDocumentClient.from(client);
  const index: IndexDefinition = view.view === 'SUBMITTED' ? STATE_SHARED_INDEX : STATE_UPDATED_INDEX;
  const statuses = view.statuses ?? [];

  /**
   * A page and one of a partition's matching items after `after` (the one more tells whether a page follows), or
   * all there are: Queries of that Limit, on from where the last stopped while the filter leaves fewer.
   */
  async function partitionPage(state: string, after: string | null): Promise<Record<string, unknown>[]> {
    const matched: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const input: QueryCommandInput = {
        TableName: table,
        IndexName: index.name,
        KeyConditionExpression: after === null ? '#pk = :pk' : '#pk = :pk AND #sk < :after',
        ExpressionAttributeNames: {
          '#pk': index.partition,
          ...(after === null ? {} : { '#sk': index.sort }),
          ...(statuses.length > 0 ? { '#status': LIST_STATUS_ATTRIBUTE } : {}),
        },
        ExpressionAttributeValues: {
          ':pk': stateLists.contracts(state),
          ...(after === null ? {} : { ':after': after }),
          ...Object.fromEntries(statuses.map((status, i) => [`:s${i}`, status])),
        },
        ScanIndexForward: false,
        Limit: PAGE + 1,
        ExclusiveStartKey: start,
      };
      if (statuses.length > 0)
        input.FilterExpression = `#status IN (${statuses.map((_, i) => `:s${i}`).join(', ')})`;
      const page = await documents.send(new QueryCommand(input));
      matched.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (matched.length < PAGE + 1 && start !== undefined);
    return matched;
  }

  return {
    async page(after) {
      const read = await Promise.all(view.states.map((state) => partitionPage(state, after)));
      const sortOf = (item: Record<string, unknown>) => String(item[index.sort]);
      const merged = read.flat().sort((a, b) => (sortOf(a) < sortOf(b) ? 1 : sortOf(a) > sortOf(b) ? -1 : 0));
      const items = merged.slice(0, PAGE);
      const last = items.at(-1);
      return {
        ids: items.map((item) => String(item.id)),
        next: merged.length > PAGE && last ? sortOf(last) : null,
      };
    },
    async close() {
      documents.destroy();
      client.destroy();
    },
  };
}
