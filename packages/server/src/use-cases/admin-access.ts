import { canAdminister, ForbiddenError, type AdminAction, type User } from '@docket/domain';

/** Lets the user through when the back office's policy allows the action. @throws ForbiddenError */
export function authorizeAdmin(
  user: User,
  action: AdminAction,
  refusal = 'Your role may not do this in the back office',
): void {
  if (!canAdminister(user, action)) throw new ForbiddenError(refusal);
}
