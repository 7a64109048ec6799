import { z } from 'zod';
import { CMS_ROLES, DIVISIONS, type User } from './users';

/**
 * A state's analysts: the enabled CMS users assigned to it (`User.assignedStates`). What a state user and the back
 * office see of each: a small projection, never the whole user.
 */
export const stateAnalystSchema = z.object({
  userId: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  email: z.string(),
  division: z.enum(DIVISIONS).nullable(),
});
export type StateAnalyst = z.infer<typeof stateAnalystSchema>;

/** The states a user is an analyst of: an enabled CMS user's assigned states, each once; none for anyone else. */
export function analystStatesOf(user: Pick<User, 'role' | 'disabled' | 'assignedStates'>): string[] {
  return CMS_ROLES.includes(user.role) && !user.disabled ? [...new Set(user.assignedStates)].sort() : [];
}

export function stateAnalystOf(user: User): StateAnalyst {
  return {
    userId: user.id,
    givenName: user.givenName,
    familyName: user.familyName,
    email: user.email,
    division: user.division,
  };
}

/** The order analysts are listed in: family name, given name, then email. */
export function compareAnalysts(a: StateAnalyst, b: StateAnalyst): number {
  return (
    a.familyName.localeCompare(b.familyName, 'en') ||
    a.givenName.localeCompare(b.givenName, 'en') ||
    a.email.localeCompare(b.email, 'en')
  );
}
