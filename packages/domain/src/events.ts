import type { ContractAction } from './contract-actions';
import type { ActorRef } from './users';

/** Everything the audit log records. Contract actions keep their lifecycle names. */
export type EventAction = 'CREATE_CONTRACT' | ContractAction | 'CREATE_USER' | 'LOGIN' | 'LOGOUT';

/** An immutable entry of the store-wide audit log. */
export interface AuditEvent {
  /** Unique; chosen by the writer (a UUID) so that retries are idempotent. */
  id: string;
  at: string;
  /** Null for actions of the system itself (seeding, migrations). */
  actor: ActorRef | null;
  action: EventAction;
  reason: string | null;
  stateCode: string | null;
  contractId: string | null;
  revisionId: string | null;
  /** Further affected ids or values, small and flat. */
  details: Record<string, string | number | boolean | null>;
}

/**
 * Whether an event belongs in a filing's history as its summary page shows it: every change of the filing but a
 * draft save. Saves are the state's work in progress, as many as the state makes (a draft saved a thousand times
 * would bury every milestone and make each read of the filing read a thousand events); they stay in the audit log.
 */
export function isFilingMilestone(event: Pick<AuditEvent, 'action'>): boolean {
  return event.action !== 'SAVE_DRAFT';
}
