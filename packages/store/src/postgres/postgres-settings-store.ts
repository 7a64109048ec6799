import {
  DEFAULT_EMAIL_SETTINGS_VERSION,
  emailSettingsVersionSchema,
  VersionConflictError,
  type EmailSettingsVersion,
} from '@docket/domain';
import { desc, lt, sql } from 'drizzle-orm';
import type { Page, PageRequest } from '../page';
import type { EmailSettingsSave, SettingsStore } from '../settings-store';
import { cutPage, decodeCursor, fetchSize, versionKey } from '../keyset';
import type { Database } from './database';
import { translateWriteError } from './errors';
import { insertEvent } from './postgres-event-log';
import { emailSettingsVersions } from './schema';

type VersionRow = typeof emailSettingsVersions.$inferSelect;

export function toEmailSettingsVersion(row: VersionRow): EmailSettingsVersion {
  return emailSettingsVersionSchema.parse(row);
}

/** Whether the error is the primary key of the versions refusing a version another save took first. */
function isVersionTaken(error: unknown): boolean {
  for (let current: unknown = error; typeof current === 'object' && current !== null;) {
    const fields = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (fields.code === '23505') return fields.constraint === 'email_settings_versions_pkey';
    current = fields.cause;
  }
  return false;
}

export class PostgresSettingsStore implements SettingsStore {
  constructor(private readonly db: Database) {}

  async getEmailSettings(): Promise<EmailSettingsVersion> {
    const [row] = await this.db
      .select()
      .from(emailSettingsVersions)
      .orderBy(desc(emailSettingsVersions.version))
      .limit(1);
    return row ? toEmailSettingsVersion(row) : DEFAULT_EMAIL_SETTINGS_VERSION;
  }

  async updateEmailSettings(input: EmailSettingsSave): Promise<EmailSettingsVersion> {
    const conflict = (actual: number | null) =>
      new VersionConflictError('Email settings', 'email', input.expectedVersion, actual);
    try {
      return await this.db.transaction(async (tx) => {
        const [current] = await tx
          .select({ version: sql<number>`coalesce(max(${emailSettingsVersions.version}), 0)::int` })
          .from(emailSettingsVersions);
        const actual = current?.version ?? 0;
        if (actual !== input.expectedVersion) throw conflict(actual);
        const [row] = await tx
          .insert(emailSettingsVersions)
          .values({
            version: input.expectedVersion + 1,
            settings: input.settings,
            savedAt: input.savedAt,
            savedBy: input.savedBy,
          })
          .returning();
        await insertEvent(tx, input.event);
        if (!row) throw new Error('The settings insert returned no row');
        return toEmailSettingsVersion(row);
      });
    } catch (error) {
      if (isVersionTaken(error)) throw conflict(null);
      throw translateWriteError(error);
    }
  }

  async listEmailSettingsVersions(page: PageRequest): Promise<Page<EmailSettingsVersion>> {
    const after = decodeCursor(page.cursor, versionKey);
    const rows = await this.db
      .select()
      .from(emailSettingsVersions)
      .where(after ? lt(emailSettingsVersions.version, after[0]) : undefined)
      .orderBy(desc(emailSettingsVersions.version))
      .limit(fetchSize(page));
    const cut = cutPage(rows, page, (row) => [row.version]);
    return { items: cut.items.map(toEmailSettingsVersion), nextCursor: cut.nextCursor };
  }
}
