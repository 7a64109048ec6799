import { UniquenessError } from '@docket/domain';
import { expect, it } from 'vitest';
import { meterStatements, withStatementMeter, StatementMeter } from '../src/statement-meter';
import { buildEvent, buildSession, buildUser, describeEachDatastore } from './conformance';

/**
 * The statement meter counts what each adapter really sends, at the driver: SQL statements with a transaction's
 * BEGIN and COMMIT (or ROLLBACK) on PostgreSQL and PGlite, requests on DynamoDB.
 */
describeEachDatastore('the statement meter', (t) => {
  const sql = () => t.datastore.kind !== 'dynamodb';

  it('counts one statement for a read by key, and none for transactions', async () => {
    const session = buildSession();
    await t.datastore.sessions.create(session);

    const { result, count } = await meterStatements(() =>
      t.datastore.sessions.get(session.id, session.createdAt),
    );
    expect(result).toEqual(session);
    expect(count.statements).toBe(1);
    expect(count.transactionControl).toBe(0);
    expect(count.datastoreMs).toBeGreaterThan(0);
  });

  it('counts the statements of a transaction with its BEGIN and COMMIT (one request on DynamoDB)', async () => {
    const user = buildUser();
    const { count } = await meterStatements(() =>
      t.datastore.users.create({ user, passwordHash: null, event: buildEvent({ action: 'CREATE_USER' }) }),
    );
    // SQL: BEGIN, the user, its event, COMMIT. DynamoDB: one TransactWriteItems (user, email guard, event).
    expect(count).toMatchObject(sql() ? { statements: 4, transactionControl: 2 } : { statements: 1 });
  });

  it('counts the ROLLBACK of a failed transaction', async () => {
    const taken = buildUser();
    const event = () => buildEvent({ action: 'CREATE_USER' });
    await t.datastore.users.create({ user: taken, passwordHash: null, event: event() });

    const clash = buildUser({ email: taken.email });
    let failure: unknown = null;
    const { count } = await meterStatements(() =>
      t.datastore.users
        .create({ user: clash, passwordHash: null, event: event() })
        .catch((error: unknown) => {
          failure = error;
        }),
    );
    expect(failure).toBeInstanceOf(UniquenessError);
    // SQL: BEGIN, the refused insert, ROLLBACK. DynamoDB: the refused TransactWriteItems.
    expect(count).toMatchObject(sql() ? { statements: 3, transactionControl: 2 } : { statements: 1 });
  });

  it('counts each flow apart, however they interleave, and again in the meter around them', async () => {
    const sessions = [buildSession(), buildSession(), buildSession()];
    await Promise.all(sessions.map((s) => t.datastore.sessions.create(s)));
    const read = (times: number) =>
      meterStatements(async () => {
        for (let i = 0; i < times; i++) {
          await Promise.all(sessions.map((s) => t.datastore.sessions.get(s.id, s.createdAt)));
        }
      });

    const outside = new StatementMeter(null);
    const [once, twice] = await withStatementMeter(outside, async () => {
      await t.datastore.sessions.get(sessions[0]?.id ?? '', sessions[0]?.createdAt ?? '');
      return Promise.all([read(1), read(2)]);
    });
    expect(once.count.statements).toBe(3);
    expect(twice.count.statements).toBe(6);
    // The meter around them counts what each of them counted, and its own read.
    expect(outside.count().statements).toBe(10);
  });
});
