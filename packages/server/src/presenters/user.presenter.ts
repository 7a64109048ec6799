import { userAbilities, userViewSchema, type SessionView, type User, type UserView } from '@docket/domain';

/** A user as the API shows them: the record's own fields and nothing else the object may carry. */
export function presentUser(user: User): UserView {
  return userViewSchema.parse(user);
}

export function presentSession(user: User, csrfToken: string): SessionView {
  return { user: presentUser(user), abilities: userAbilities(user), csrfToken };
}
