import { userAbilities, type SessionView, type User, type UserView } from '@docket/domain';

export function presentUser(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    givenName: user.givenName,
    familyName: user.familyName,
    role: user.role,
    stateCode: user.stateCode,
    division: user.division,
    assignedStates: [...user.assignedStates],
    disabled: user.disabled,
    createdAt: user.createdAt,
  };
}

export function presentSession(user: User, csrfToken: string): SessionView {
  return { user: presentUser(user), abilities: userAbilities(user), csrfToken };
}
