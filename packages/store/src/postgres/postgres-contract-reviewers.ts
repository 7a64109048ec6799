import {
  NotFoundError,
  reviewerAssignmentSchema,
  reviewerAlreadyAssigned,
  type AuditEvent,
  type ReviewerAssignment,
} from '@docket/domain';
import { and, eq } from 'drizzle-orm';
import type { Database } from './database';
import { isUuid, translatingErrors } from './errors';
import { insertEvent } from './postgres-event-log';
import { contractReviewers, contracts } from './schema';

type ReviewerRow = typeof contractReviewers.$inferSelect;

/** A reviewer row as the domain's assignment. */
export function toReviewerAssignment(row: ReviewerRow): ReviewerAssignment {
  return reviewerAssignmentSchema.parse(row);
}

/** The row of one assignment of a contract. */
export function reviewerRow(contractId: string, assignment: ReviewerAssignment): ReviewerRow {
  return { contractId, ...assignment };
}

/**
 * `ContractStore.assignReviewer`: the row and the event in one transaction. The contract's row is only looked up
 * (`FOR KEY SHARE`, as the foreign key would): no lock that a state's edit or a review action waits for, and
 * its version stays where it is.
 */
export function assignReviewer(
  db: Database,
  contractId: string,
  input: { reviewer: ReviewerAssignment; event: AuditEvent },
): Promise<void> {
  return translatingErrors(() =>
    db.transaction(async (tx) => {
      const [contract] = isUuid(contractId)
        ? await tx
            .select({ id: contracts.id })
            .from(contracts)
            .where(eq(contracts.id, contractId))
            .for('key share')
        : [];
      if (!contract) throw new NotFoundError('Contract', contractId);
      const inserted = await tx
        .insert(contractReviewers)
        .values(reviewerRow(contract.id, input.reviewer))
        .onConflictDoNothing()
        .returning({ userId: contractReviewers.userId });
      if (inserted.length === 0) throw reviewerAlreadyAssigned();
      await insertEvent(tx, input.event);
    }),
  );
}

/** `ContractStore.unassignReviewer`: the row deleted and the event written in one transaction. */
export function unassignReviewer(
  db: Database,
  contractId: string,
  input: { userId: string; event: AuditEvent },
): Promise<void> {
  return translatingErrors(() =>
    db.transaction(async (tx) => {
      const deleted =
        isUuid(contractId) && isUuid(input.userId)
          ? await tx
              .delete(contractReviewers)
              .where(
                and(eq(contractReviewers.contractId, contractId), eq(contractReviewers.userId, input.userId)),
              )
              .returning({ userId: contractReviewers.userId })
          : [];
      if (deleted.length === 0)
        throw new NotFoundError('Reviewer assignment', `${contractId}/${input.userId}`);
      await insertEvent(tx, input.event);
    }),
  );
}
