import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '@docket/server';

/**
 * The demo accounts the journeys sign in as, with the words the pages call their role by (`roleWords`): the
 * wording test checks them against the web app's one mapping of roles to words.
 */
export const MN_STATE_USER = {
  email: `state.mn@${DEMO_EMAIL_DOMAIN}`,
  password: DEMO_PASSWORD,
  name: 'Minnie Lindqvist',
  roleWords: 'state user',
};
export const CMS_REVIEWER = {
  email: `cms.reviewer@${DEMO_EMAIL_DOMAIN}`,
  password: DEMO_PASSWORD,
  name: 'Casey Reviewer',
  roleWords: 'CMS reviewer',
};
/** The one role that may approve ("release to state"), besides an administrator giving a reason. */
export const APPROVER = {
  email: `cms.approver@${DEMO_EMAIL_DOMAIN}`,
  password: DEMO_PASSWORD,
  name: 'Avery Approver',
  roleWords: 'CMS approver',
};
/** Undoes approvals and unlocks, and approves with a reason. */
export const ADMINISTRATOR = {
  email: `admin@${DEMO_EMAIL_DOMAIN}`,
  password: DEMO_PASSWORD,
  name: 'Ada Admin',
  roleWords: 'administrator',
};

/** Minnesota's programs as the forms label them. */
export const PMAP = 'Prepaid Medical Assistance Program (PMAP)';
export const SNBC = 'Special Needs Basic Care (SNBC)';
export const MSHO = 'Minnesota Senior Health Options (MSHO)';
