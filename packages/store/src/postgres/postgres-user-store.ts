import {
  assignableReviewerOf,
  CMS_ROLES,
  normalizeEmail,
  NotFoundError,
  stateAnalystOf,
  type AssignableReviewer,
  type AuditEvent,
  type StateAnalyst,
  type User,
} from '@docket/domain';
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Page, PageRequest } from '../page';
import type { UserStore, UserWithCredentials } from '../user-store';
import { cutPage, decodeCursor, fetchSize, textKey } from '../keyset';
import type { Database } from './database';
import { isUuid, translatingErrors } from './errors';
import { insertEvent } from './postgres-event-log';
import { toUser } from './rows';
import { ASSIGNABLE_REVIEWER, users } from './schema';

/** The list order and its key: lower-cased email, which the unique index on `lower(email)` serves. */
const emailKey = sql<string>`lower(${users.email})`;

const assignable = sql.raw(ASSIGNABLE_REVIEWER);

export class PostgresUserStore implements UserStore {
  constructor(private readonly db: Database) {}

  async create(input: { user: User; passwordHash: string | null; event: AuditEvent }): Promise<User> {
    const user = { ...input.user, email: normalizeEmail(input.user.email) };
    return translatingErrors(() =>
      this.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(users)
          .values({ ...user, assignedStates: [...user.assignedStates], passwordHash: input.passwordHash })
          .returning();
        await insertEvent(tx, input.event);
        if (!row) throw new Error('The user insert returned no row');
        return toUser(row);
      }),
    );
  }

  async get(id: string): Promise<User> {
    const [row] = isUuid(id) ? await this.db.select().from(users).where(eq(users.id, id)) : [];
    if (!row) throw new NotFoundError('User', id);
    return toUser(row);
  }

  async findByEmail(email: string): Promise<UserWithCredentials | null> {
    const [row] = await this.db
      .select()
      .from(users)
      .where(sql`${emailKey} = ${normalizeEmail(email)}`);
    return row ? { user: toUser(row), passwordHash: row.passwordHash } : null;
  }

  async list(page: PageRequest): Promise<Page<User>> {
    const after = decodeCursor(page.cursor, textKey);
    const rows = await this.db
      .select({ user: users, key: emailKey })
      .from(users)
      .where(after ? gt(emailKey, after[0]) : undefined)
      .orderBy(asc(emailKey))
      .limit(fetchSize(page));
    const cut = cutPage(rows, page, (row) => [row.key]);
    return { items: cut.items.map((row) => toUser(row.user)), nextCursor: cut.nextCursor };
  }

  async listAnalysts(stateCode: string): Promise<StateAnalyst[]> {
    // `@>` on the array is what the GIN index on `assigned_states` serves.
    const rows = await this.db
      .select()
      .from(users)
      .where(
        and(
          sql`${users.assignedStates} @> array[${stateCode}]::text[]`,
          inArray(users.role, [...CMS_ROLES]),
          eq(users.disabled, false),
        ),
      )
      .orderBy(asc(users.familyName), asc(users.givenName), asc(emailKey));
    return rows.map((row) => stateAnalystOf(toUser(row)));
  }

  async listAssignableReviewers(page: PageRequest): Promise<Page<AssignableReviewer>> {
    const after = decodeCursor(page.cursor, textKey);
    // The same predicate as the partial index `users_assignable_reviewers_idx`, which serves it in email order.
    const rows = await this.db
      .select({ user: users, key: emailKey })
      .from(users)
      .where(and(assignable, after ? gt(emailKey, after[0]) : undefined))
      .orderBy(asc(emailKey))
      .limit(fetchSize(page));
    const cut = cutPage(rows, page, (row) => [row.key]);
    return {
      items: cut.items.map((row) => assignableReviewerOf(toUser(row.user))),
      nextCursor: cut.nextCursor,
    };
  }
}
