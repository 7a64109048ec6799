import { userAbilities, userViewSchema, type SessionView, type User, type UserView } from '@docket/domain';
import type { Session } from '@docket/store';
import { sessionTimes, type SessionTimeouts } from '../use-cases/session-activity';

/** A user as the API shows them: the record's own fields and nothing else the object may carry. */
export function presentUser(user: User): UserView {
  return userViewSchema.parse(user);
}

export function presentSession(user: User, session: Session, timeouts: SessionTimeouts): SessionView {
  return {
    user: presentUser(user),
    abilities: userAbilities(user),
    csrfToken: session.csrfToken,
    session: sessionTimes(session, timeouts),
  };
}
