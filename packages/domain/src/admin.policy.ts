import type { Role, User } from './users';

/**
 * Who may run Docket from the back office. One table: every route, page and button of the administration asks here
 * (through `canAdminister` or the abilities the session view carries), so no two places decide alike by chance.
 */
export const ADMIN_ACTIONS = [
  /** See the users, their roles, states, divisions and whether they are disabled. */
  'VIEW_USERS',
  /** Create users; change their name, email, role and state; disable and enable them; reset their passwords. */
  'MANAGE_USERS',
  /** Change a CMS user's division and assigned states (the state analysts). */
  'EDIT_ASSIGNMENTS',
  /** End every session of another user. */
  'END_USER_SESSIONS',
  /** Assign reviewers to a filing, or take them off. */
  'ASSIGN_REVIEWERS',
  /** Read the store-wide audit log and export it. */
  'VIEW_AUDIT_LOG',
  /** See the email settings and their history. */
  'VIEW_EMAIL_SETTINGS',
  /** Change the email settings. */
  'EDIT_EMAIL_SETTINGS',
] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

const ALLOWED: Record<AdminAction, readonly Role[]> = {
  VIEW_USERS: ['ADMIN', 'HELPDESK'],
  MANAGE_USERS: ['ADMIN'],
  EDIT_ASSIGNMENTS: ['ADMIN', 'HELPDESK'],
  END_USER_SESSIONS: ['ADMIN'],
  ASSIGN_REVIEWERS: ['CMS_USER', 'CMS_APPROVER', 'ADMIN', 'HELPDESK'],
  VIEW_AUDIT_LOG: ['ADMIN'],
  VIEW_EMAIL_SETTINGS: ['ADMIN', 'HELPDESK'],
  EDIT_EMAIL_SETTINGS: ['ADMIN'],
};

/** Whether an enabled user's role allows the action. A disabled user may do nothing. */
export function canAdminister(user: Pick<User, 'role' | 'disabled'>, action: AdminAction): boolean {
  return !user.disabled && ALLOWED[action].includes(user.role);
}

/** Every back-office action the user may take, as the session view carries it. */
export function adminAbilities(user: Pick<User, 'role' | 'disabled'>): AdminAction[] {
  return ADMIN_ACTIONS.filter((action) => canAdminister(user, action));
}
