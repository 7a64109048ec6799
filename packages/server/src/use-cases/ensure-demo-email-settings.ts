import {
  changeDetails,
  DEFAULT_EMAIL_SETTINGS,
  emailSettingsValues,
  newId,
  type EmailSettings,
} from '@docket/domain';
import type { SettingsStore } from '@docket/store';

/** The demo's email settings: example lists on `.example` domains, which no mail ever reaches. */
export const DEMO_EMAIL_SETTINGS: EmailSettings = {
  reviewTeamEmails: ['review.team@cms.example', 'review.lead@cms.example'],
  dmcoEmails: ['dmco@cms.example'],
  dmcpReviewEmails: ['dmcp.review@cms.example'],
  dmcpSubmissionEmails: ['dmcp.submissions@cms.example'],
  oactEmails: ['oact.actuaries@cms.example'],
  senderEmail: 'docket@cms.example',
  helpDeskEmail: 'help.desk@cms.example',
  cmsReviewHelpEmail: 'review.help@cms.example',
  cmsRateHelpEmail: 'rate.help@cms.example',
};

/**
 * Saves the demo's email settings as the first version, by the system, when nobody has saved any; leaves settings
 * already saved alone. @returns whether it saved them
 */
export async function ensureDemoEmailSettings(stores: { settings: SettingsStore }): Promise<boolean> {
  const current = await stores.settings.getEmailSettings();
  if (current.version > 0) return false;
  const at = new Date().toISOString();
  await stores.settings.updateEmailSettings({
    expectedVersion: 0,
    settings: DEMO_EMAIL_SETTINGS,
    savedAt: at,
    savedBy: null,
    event: {
      id: newId(),
      at,
      actor: null,
      action: 'UPDATE_EMAIL_SETTINGS',
      reason: 'Demo settings',
      stateCode: null,
      contractId: null,
      revisionId: null,
      details: changeDetails(
        emailSettingsValues(DEFAULT_EMAIL_SETTINGS),
        emailSettingsValues(DEMO_EMAIL_SETTINGS),
      ),
    },
  });
  return true;
}
