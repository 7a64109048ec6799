import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { meteredStatement } from '../statement-meter';

/**
 * Counts every request the client sends in the current flow's `StatementMeter` (see `statement-meter.ts`), each
 * attempt of a retried request included: the count sits in the deserialize step, inside the SDK's retry loop, so
 * it sees each request that goes out. The document client shares this client's middleware, so its commands count
 * too. A transaction (TransactWriteItems, TransactGetItems) or a batch is one request.
 */
export function meterRequests(client: DynamoDBClient): void {
  client.middlewareStack.add((next) => (args) => meteredStatement('statement', () => next(args)), {
    step: 'deserialize',
    name: 'docketStatementMeter',
    override: true,
  });
}
