import {
  newId,
  newUserSchema,
  passwordSchema,
  changeDetails,
  userDetailValues,
  ValidationError,
  zodIssues,
  type ActorRef,
  type User,
} from '@docket/domain';
import type { UserStore } from '@docket/store';
import type { z } from 'zod';
import { hashPassword } from '../security/passwords';

/**
 * Creates a user with a password, and its CREATE_USER event (the new values, as an admin change records them),
 * atomically. `mustChangePassword` makes the password a temporary one, to be replaced at the first login.
 * @throws ValidationError listing every field at fault (`password` included)
 * @throws UniquenessError (EMAIL_TAKEN) when the email is taken
 */
export async function createUser(
  stores: { users: UserStore },
  input: z.input<typeof newUserSchema>,
  password: string,
  actor: ActorRef | null,
  options: { mustChangePassword?: boolean } = {},
): Promise<User> {
  const parsed = newUserSchema.safeParse(input);
  const checkedPassword = passwordSchema.safeParse(password);
  const issues = [
    ...(parsed.success ? [] : zodIssues(parsed.error)),
    ...(checkedPassword.success
      ? []
      : zodIssues(checkedPassword.error).map((i) => ({ ...i, path: ['password'] }))),
  ];
  if (!parsed.success || issues.length > 0) throw new ValidationError('The user is not valid', issues);

  const at = new Date().toISOString();
  const user: User = {
    id: newId(),
    ...parsed.data,
    disabled: false,
    createdAt: at,
    version: 1,
    mustChangePassword: options.mustChangePassword ?? false,
  };
  return stores.users.create({
    user,
    passwordHash: await hashPassword(password),
    event: {
      id: newId(),
      at,
      actor,
      action: 'CREATE_USER',
      reason: null,
      stateCode: user.stateCode,
      contractId: null,
      revisionId: null,
      // A creation's values, as every admin change records them: all new (`before.*` empty).
      details: {
        userId: user.id,
        email: user.email,
        role: user.role,
        ...changeDetails({}, userDetailValues(user)),
      },
    },
  });
}
