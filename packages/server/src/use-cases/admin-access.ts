import { canAdminister, ForbiddenError, type AdminAction, type User } from '@docket/domain';

/** Lets the user through when the back office's policy allows the action. @throws ForbiddenError */
export function authorizeAdmin(user: User, action: AdminAction): void {
  if (!canAdminister(user, action)) throw new ForbiddenError('Your role may not do this in the back office');
}
