import type { TestProject } from 'vitest/node';
import { dynamoDbLocalUnavailableReason, startDynamoDbLocal } from './dynamodb-local';

/**
 * Vitest global setup: one DynamoDB Local for the whole run, shared by every test file (each file makes its own
 * table in it) and stopped when the run ends. Tests find it with `dynamoDbLocalOfRun()` (adapters.ts).
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const unavailable = dynamoDbLocalUnavailableReason();
  if (unavailable !== null) {
    project.provide('dynamodbLocal', { endpoint: null, unavailable });
    return undefined;
  }
  try {
    const local = await startDynamoDbLocal();
    project.provide('dynamodbLocal', { endpoint: local.endpoint, unavailable: null });
    return () => local.stop();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    project.provide('dynamodbLocal', {
      endpoint: null,
      unavailable: `DynamoDB Local did not start: ${reason}`,
    });
    return undefined;
  }
}
