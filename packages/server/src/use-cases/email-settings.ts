import {
  actorRef,
  canAdminister,
  changeDetails,
  changesOf,
  DEFAULT_EMAIL_SETTINGS,
  emailSettingsValues,
  newId,
  type EmailSettings,
  type EmailSettingsChangeView,
  type EmailSettingsVersion,
  type EmailSettingsView,
  type User,
} from '@docket/domain';
import type { PageRequest, SettingsStore } from '@docket/store';
import { authorizeAdmin } from './admin-access';

/** The current email settings. @throws ForbiddenError without VIEW_EMAIL_SETTINGS */
export async function getEmailSettings(
  stores: { settings: Pick<SettingsStore, 'getEmailSettings'> },
  user: User,
): Promise<EmailSettingsView> {
  authorizeAdmin(user, 'VIEW_EMAIL_SETTINGS');
  const current = await stores.settings.getEmailSettings();
  return { ...current, canEdit: canAdminister(user, 'EDIT_EMAIL_SETTINGS') };
}

/**
 * Saves the settings as the next version, with an `UPDATE_EMAIL_SETTINGS` event carrying each changed field's
 * prior and new value (lists as one value each), in one transaction.
 * @throws ForbiddenError without EDIT_EMAIL_SETTINGS; VersionConflictError when `version` is not the current one
 */
export async function updateEmailSettings(
  stores: { settings: Pick<SettingsStore, 'getEmailSettings' | 'updateEmailSettings'> },
  user: User,
  input: { version: number; settings: EmailSettings },
): Promise<EmailSettingsView> {
  authorizeAdmin(user, 'EDIT_EMAIL_SETTINGS');
  const current = await stores.settings.getEmailSettings();
  const at = new Date().toISOString();
  const by = actorRef(user);
  // Diffed against the current version; if that is not the one the save was based on, the store refuses it anyway.
  const saved = await stores.settings.updateEmailSettings({
    expectedVersion: input.version,
    settings: input.settings,
    savedAt: at,
    savedBy: by,
    event: {
      id: newId(),
      at,
      actor: by,
      action: 'UPDATE_EMAIL_SETTINGS',
      reason: null,
      stateCode: null,
      contractId: null,
      revisionId: null,
      details: changeDetails(emailSettingsValues(current.settings), emailSettingsValues(input.settings)),
    },
  });
  return { ...saved, canEdit: true };
}

/** How a saved version differs from the one before it (the defaults before the first). */
function changeOf(saved: EmailSettingsVersion, previous: EmailSettings): EmailSettingsChangeView {
  return {
    version: saved.version,
    savedAt: saved.savedAt ?? '',
    savedBy: saved.savedBy,
    changes: changesOf(changeDetails(emailSettingsValues(previous), emailSettingsValues(saved.settings))),
  };
}

/**
 * The saved versions, newest first, each with what it changed. The version before a page's last is read too, so
 * that its changes are known. @throws ForbiddenError without VIEW_EMAIL_SETTINGS
 */
export async function listEmailSettingsHistory(
  stores: { settings: Pick<SettingsStore, 'listEmailSettingsVersions'> },
  user: User,
  page: PageRequest,
): Promise<{ items: EmailSettingsChangeView[]; nextCursor: string | null }> {
  authorizeAdmin(user, 'VIEW_EMAIL_SETTINGS');
  const { items, nextCursor } = await stores.settings.listEmailSettingsVersions(page);
  const following =
    nextCursor === null
      ? null
      : ((await stores.settings.listEmailSettingsVersions({ limit: 1, cursor: nextCursor })).items[0] ??
        null);
  const previous = [...items.slice(1), following];
  return {
    items: items.map((saved, i) => changeOf(saved, previous[i]?.settings ?? DEFAULT_EMAIL_SETTINGS)),
    nextCursor,
  };
}
