import type { DatastoreKind } from '@docket/store';

/**
 * What each core request may send to the datastore, counted as the statement meter counts (every SQL statement, or
 * every DynamoDB request): held by tests through the real HTTP app on every adapter
 * (`test/statement-budgets.test.ts`) and printed by the benchmark beside what it measures (`Server-Timing`).
 */
export interface StatementBudget {
  /** Resolving the session and its user: one statement (a join), or one BatchGetItem. */
  session: number;
  /** The most the operation itself may send besides, not counting the BEGIN and COMMIT of its transactions. */
  work: number;
  /** The most transactions it may open: on SQL each also sends BEGIN and COMMIT; on DynamoDB one is one request. */
  transactions: number;
  /** What the operation itself may send on DynamoDB, where that differs from `work`. */
  dynamodbWork?: number;
  /**
   * What each other filing whose rate the filing links adds. On SQL the filing is read with it in the same
   * statement. On DynamoDB it takes one Query of its partition: its name (its programs) is on its revisions, not
   * on its contract item, and a read learns which filing it is only from the rate's item.
   */
  perLinkedFiling: { sql: number; dynamodb: number };
}

const NONE = { sql: 0, dynamodb: 0 };

export const STATEMENT_BUDGETS = {
  /** Any authenticated request, before it does anything: `GET /api/me`. */
  session: { session: 1, work: 0, transactions: 0, perLinkedFiling: NONE },
  /** A filing as its summary page shows it, history included: `GET /api/contracts/{id}`. */
  readFiling: {
    session: 1,
    work: 3,
    /** The snapshot read, and the Query of the filing's reviewers (sent beside its history's and parents' reads). */
    dynamodbWork: 4,
    transactions: 0,
    perLinkedFiling: { sql: 0, dynamodb: 1 },
  },
  /**
   * What changed between the last two submissions of a filing: the filing read once with its rates, as one
   * snapshot (`getWithRates`: one statement on SQL, the snapshot read of ADR 0011 on DynamoDB); neither its
   * history nor its rates' other parents are read, whatever it links: `GET /api/contracts/{id}/diff`.
   */
  revisionDiff: { session: 1, work: 3, transactions: 0, perLinkedFiling: NONE },
  /**
   * What changed between the last two submissions of a rate, the rate read once with its revisions (`RateStore.get`:
   * the rate and its revisions on SQL): `GET /api/rates/{id}/diff`.
   */
  rateRevisionDiff: { session: 1, work: 2, transactions: 0, perLinkedFiling: NONE },
  /** A draft save with its audit event and its answer: `PUT /api/contracts/{id}/draft`. */
  saveDraft: {
    session: 1,
    work: 4,
    /** The filing read as `readFiling` reads it (its reviewers' Query included), then written. */
    dynamodbWork: 5,
    transactions: 1,
    perLinkedFiling: { sql: 0, dynamodb: 1 },
  },
  /**
   * A rate as its page shows it: `GET /api/rates/{id}`. The rate (SQL: its row, then its revisions; DynamoDB: its
   * item, then its revisions) and its linkers (SQL: one statement; DynamoDB: the Query of its partition, then one
   * BatchGetItem of the contract items), whatever the number of contracts that link it.
   */
  readRate: { session: 1, work: 4, transactions: 0, perLinkedFiling: NONE },
  /**
   * A rate's own review action (`POST /api/rates/{id}/withdraw`, `/undo-withdraw`): the rate as its page reads it,
   * its parent with its rates as one snapshot, each other contract it touches read whole, one atomic write of a part
   * per contract with its event, and the page read again for the answer. Each other contract the rate touches is
   * read whole and written as a part of the one transaction (measured: 13 statements with one other filing on SQL,
   * 19 requests on DynamoDB, besides the session). On SQL the rate's rate-reviews dashboard facts are written in
   * the same transaction (the rate and its parent's status read, then one UPDATE: 3 more); on DynamoDB they go in
   * the rate item's Put the write makes anyway.
   */
  rateAction: {
    session: 1,
    work: 14,
    dynamodbWork: 15,
    transactions: 1,
    perLinkedFiling: { sql: 2, dynamodb: 4 },
  },
  /** A new submission with its audit event and its answer: `POST /api/contracts`. */
  createContract: { session: 1, work: 4, transactions: 1, perLinkedFiling: NONE },
  /**
   * A page of a dashboard, filtered and sorted by the datastore: `GET /api/contracts?…`. One statement however many
   * states, statuses or pages (ADR 0023); the programs that name the rows come from the reference-data cache.
   */
  listContracts: {
    session: 1,
    work: 1,
    /**
     * On DynamoDB a page is one Query per index partition it merges (docs/adr/0024-dynamodb-dashboard-lists.md): a
     * store-wide order's 4 shards, or up to 8 states asked for, and the drafts' partitions after the submitted
     * ones. A page ordered by name across many states (one Query per state it reaches), or whose filter matches
     * little (Queries again from where the first stopped), may send more: its read budget bounds those.
     */
    dynamodbWork: 8,
    transactions: 0,
    perLinkedFiling: NONE,
  },
  /**
   * A page of the rate reviews dashboard: `GET /api/rates?…`. One statement on SQL (the rates joined to their
   * parents' numbers and programs). On DynamoDB the Queries of the merged partitions, as `listContracts`, and one
   * BatchGetItem of the page's parent contracts (docs/adr/0027-rate-reviews-dashboard.md).
   */
  listRates: { session: 1, work: 1, dynamodbWork: 9, transactions: 0, perLinkedFiling: NONE },
} as const satisfies Record<string, StatementBudget>;

export type BudgetedOperation = keyof typeof STATEMENT_BUDGETS;

/** The statements an operation may send besides BEGIN and COMMIT, on this kind of datastore. */
export function statementBudget(
  operation: BudgetedOperation,
  kind: DatastoreKind,
  linkedFilings = 0,
): number {
  const budget: StatementBudget = STATEMENT_BUDGETS[operation];
  const perLinked = kind === 'dynamodb' ? budget.perLinkedFiling.dynamodb : budget.perLinkedFiling.sql;
  const work = kind === 'dynamodb' ? (budget.dynamodbWork ?? budget.work) : budget.work;
  return budget.session + work + perLinked * linkedFilings;
}

/**
 * The most statements an operation may send in all on this kind of datastore, BEGIN and COMMIT included: what
 * `Server-Timing` reports for it should never exceed this.
 */
export function statementCeiling(
  operation: BudgetedOperation,
  kind: DatastoreKind,
  linkedFilings = 0,
): number {
  const transactionControl = kind === 'dynamodb' ? 0 : 2 * STATEMENT_BUDGETS[operation].transactions;
  return statementBudget(operation, kind, linkedFilings) + transactionControl;
}
