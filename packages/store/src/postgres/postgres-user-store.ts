import {
  assignableReviewerOf,
  CMS_ROLES,
  isEnabledAdmin,
  LastAdminError,
  normalizeEmail,
  NotFoundError,
  stateAnalystOf,
  VersionConflictError,
  type AssignableReviewer,
  type AuditEvent,
  type StateAnalyst,
  type User,
  type UserSearch,
} from '@docket/domain';
import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Page, PageRequest } from '../page';
import type { SetPasswordInput, UserStore, UserWithCredentials } from '../user-store';
import { cutPage, decodeCursor, fetchSize, textKey } from '../keyset';
import type { Database } from './database';
import { isUuid, translatingErrors } from './errors';
import { insertEvent } from './postgres-event-log';
import { toUser } from './rows';
import { ASSIGNABLE_REVIEWER, users } from './schema';

/** The list order and its key: lower-cased email, which the unique index on `lower(email)` serves. */
const emailKey = sql<string>`lower(${users.email})`;

/** What a text search looks in, as the domain's `userSearchText` builds it. */
const searchText = sql<string>`lower(${users.email} || E'\\n' || ${users.givenName} || ' ' || ${users.familyName})`;

function searchConditions(search: UserSearch): (SQL | undefined)[] {
  const text = search.text?.toLowerCase();
  return [
    search.role === undefined ? undefined : eq(users.role, search.role),
    search.state === undefined
      ? undefined
      : sql`(${users.stateCode} = ${search.state} or ${users.assignedStates} @> array[${search.state}]::text[])`,
    search.division === undefined ? undefined : eq(users.division, search.division),
    search.disabled === undefined ? undefined : eq(users.disabled, search.disabled),
    text ? sql`strpos(${searchText}, ${text}) > 0` : undefined,
  ];
}

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

  list(page: PageRequest): Promise<Page<User>> {
    return this.search({}, page);
  }

  async search(search: UserSearch, page: PageRequest): Promise<Page<User>> {
    const after = decodeCursor(page.cursor, textKey);
    const rows = await this.db
      .select({ user: users, key: emailKey })
      .from(users)
      .where(and(...searchConditions(search), after ? gt(emailKey, after[0]) : undefined))
      .orderBy(asc(emailKey))
      .limit(fetchSize(page));
    const cut = cutPage(rows, page, (row) => [row.key]);
    return { items: cut.items.map((row) => toUser(row.user)), nextCursor: cut.nextCursor };
  }

  async update(input: { user: User; expectedVersion: number; event: AuditEvent }): Promise<User> {
    const { id } = input.user;
    const user = { ...input.user, email: normalizeEmail(input.user.email) };
    if (!isUuid(id)) throw new NotFoundError('User', id);
    return translatingErrors(() =>
      this.db.transaction(async (tx) => {
        const [current] = await tx.select().from(users).where(eq(users.id, id));
        if (!current) throw new NotFoundError('User', id);
        if (current.version !== input.expectedVersion) {
          throw new VersionConflictError('User', id, input.expectedVersion, current.version);
        }
        // Losing an enabled administrator: lock every enabled administrator's row first, so that two such changes
        // run one after the other and the second counts what the first left.
        const demotes = isEnabledAdmin(toUser(current)) && !isEnabledAdmin(user);
        const others = demotes
          ? await tx
              .select({ id: users.id })
              .from(users)
              .where(and(eq(users.role, 'ADMIN'), eq(users.disabled, false)))
              .orderBy(asc(users.id))
              .for('update')
          : [];
        const [row] = await tx
          .update(users)
          .set({
            email: user.email,
            givenName: user.givenName,
            familyName: user.familyName,
            role: user.role,
            stateCode: user.stateCode,
            division: user.division,
            assignedStates: [...user.assignedStates],
            disabled: user.disabled,
            mustChangePassword: user.mustChangePassword,
            version: input.expectedVersion + 1,
          })
          .where(and(eq(users.id, id), eq(users.version, input.expectedVersion)))
          .returning();
        if (!row) throw new VersionConflictError('User', id, input.expectedVersion, null);
        if (demotes && others.filter((admin) => admin.id !== id).length === 0) throw new LastAdminError();
        await insertEvent(tx, input.event);
        return toUser(row);
      }),
    );
  }

  async setPassword(input: SetPasswordInput): Promise<User> {
    const id = input.userId;
    if (!isUuid(id)) throw new NotFoundError('User', id);
    return translatingErrors(() =>
      this.db.transaction(async (tx) => {
        const [row] = await tx
          .update(users)
          .set({
            passwordHash: input.passwordHash,
            mustChangePassword: input.mustChangePassword,
            version: sql`${users.version} + 1`,
          })
          .where(
            and(
              eq(users.id, id),
              input.expectedVersion === undefined ? undefined : eq(users.version, input.expectedVersion),
            ),
          )
          .returning();
        if (!row) {
          const [current] = await tx.select({ version: users.version }).from(users).where(eq(users.id, id));
          if (!current || input.expectedVersion === undefined) throw new NotFoundError('User', id);
          throw new VersionConflictError('User', id, input.expectedVersion, current.version);
        }
        await insertEvent(tx, input.event);
        return toUser(row);
      }),
    );
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
