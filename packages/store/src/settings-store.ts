import type { AuditEvent, EmailSettings, EmailSettingsVersion } from '@docket/domain';
import type { Page, PageRequest } from './page';

/**
 * Settings of the whole installation, kept in versions. Each save writes a new version beside the old ones (never
 * changed afterwards) and its audit event, in one transaction.
 */
/** A save of the email settings: the settings whole, the version they were based on, who and when, its event. */
export interface EmailSettingsSave {
  expectedVersion: number;
  settings: EmailSettings;
  savedAt: string;
  savedBy: EmailSettingsVersion['savedBy'];
  event: AuditEvent;
}

export interface SettingsStore {
  /**
   * The current email settings: the latest version saved, read consistently (a save is seen by the next read on
   * any server copy). Before the first save, version 0 with the domain's defaults (`DEFAULT_EMAIL_SETTINGS_VERSION`).
   */
  getEmailSettings(): Promise<EmailSettingsVersion>;

  /**
   * Saves `settings` as version `expectedVersion + 1` with its event, atomically; answers the version saved.
   * @throws VersionConflictError when the current version is not `expectedVersion` (someone saved since); nothing
   * is written.
   * @throws UniquenessError with code `EVENT_EXISTS` when the event's id is taken; nothing is written.
   */
  updateEmailSettings(input: EmailSettingsSave): Promise<EmailSettingsVersion>;

  /** Every saved version, newest first, a page at a time (the defaults, version 0, are not one). */
  listEmailSettingsVersions(page: PageRequest): Promise<Page<EmailSettingsVersion>>;
}
