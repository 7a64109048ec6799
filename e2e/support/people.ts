import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '@docket/server';

/** The demo accounts the journeys sign in as. */
export const STATE_ANALYST = {
  email: `state.mn@${DEMO_EMAIL_DOMAIN}`,
  password: DEMO_PASSWORD,
  name: 'Minnie Lindqvist',
};
export const CMS_REVIEWER = {
  email: `cms.reviewer@${DEMO_EMAIL_DOMAIN}`,
  password: DEMO_PASSWORD,
  name: 'Casey Reviewer',
};

/** Minnesota's programs as the forms label them. */
export const PMAP = 'Prepaid Medical Assistance Program (PMAP)';
export const SNBC = 'Special Needs Basic Care (SNBC)';
export const MSHO = 'Minnesota Senior Health Options (MSHO)';
