import { normalizeEmail, type NewUser } from '@docket/domain';

/**
 * The demo accounts: one or more for every role, under a reserved domain (`.invalid` can never be a real
 * address). They exist only in demo mode: outside it, login refuses them and their sessions are ignored.
 */
export const DEMO_EMAIL_DOMAIN = 'demo.docket.invalid';

/** The one password of every demo account, printed by `docket demo`. Demo mode listens on loopback by default. */
export const DEMO_PASSWORD = 'docket-demo-password';

export function isDemoAccount(email: string): boolean {
  return normalizeEmail(email).endsWith(`@${DEMO_EMAIL_DOMAIN}`);
}

export const DEMO_ACCOUNTS: readonly NewUser[] = [
  {
    email: `state.mn@${DEMO_EMAIL_DOMAIN}`,
    givenName: 'Minnie',
    familyName: 'Lindqvist',
    role: 'STATE_USER',
    stateCode: 'MN',
    division: null,
    assignedStates: [],
  },
  {
    email: `state.fl@${DEMO_EMAIL_DOMAIN}`,
    givenName: 'Flora',
    familyName: 'Castillo',
    role: 'STATE_USER',
    stateCode: 'FL',
    division: null,
    assignedStates: [],
  },
  {
    email: `cms.reviewer@${DEMO_EMAIL_DOMAIN}`,
    givenName: 'Casey',
    familyName: 'Reviewer',
    role: 'CMS_USER',
    stateCode: null,
    division: 'DMCO',
    assignedStates: ['MN', 'FL'],
  },
  {
    email: `cms.approver@${DEMO_EMAIL_DOMAIN}`,
    givenName: 'Avery',
    familyName: 'Approver',
    role: 'CMS_APPROVER',
    stateCode: null,
    division: 'DMCO',
    assignedStates: [],
  },
  {
    email: `admin@${DEMO_EMAIL_DOMAIN}`,
    givenName: 'Ada',
    familyName: 'Admin',
    role: 'ADMIN',
    stateCode: null,
    division: null,
    assignedStates: [],
  },
  {
    email: `helpdesk@${DEMO_EMAIL_DOMAIN}`,
    givenName: 'Hal',
    familyName: 'Helpdesk',
    role: 'HELPDESK',
    stateCode: null,
    division: null,
    assignedStates: [],
  },
  {
    email: `readonly@${DEMO_EMAIL_DOMAIN}`,
    givenName: 'Rory',
    familyName: 'Reader',
    role: 'READONLY',
    stateCode: null,
    division: null,
    assignedStates: [],
  },
];
