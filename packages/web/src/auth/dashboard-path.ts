import type { UserView } from '@docket/domain';

/** Each role's home: a state user works on its state's filings, everyone else reviews submitted ones. */
export function dashboardPath(user: Pick<UserView, 'role'>): string {
  return user.role === 'STATE_USER' ? '/dashboard' : '/submissions';
}
