import {
  newId,
  newUserSchema,
  passwordSchema,
  ValidationError,
  zodIssues,
  type ActorRef,
  type User,
} from '@docket/domain';
import type { UserStore } from '@docket/store';
import type { z } from 'zod';
import { hashPassword } from '../security/passwords';

/**
 * Creates a user with a password, and its CREATE_USER event, atomically.
 * @throws ValidationError listing every field at fault (`password` included)
 * @throws UniquenessError (EMAIL_TAKEN) when the email is taken
 */
export async function createUser(
  stores: { users: UserStore },
  input: z.input<typeof newUserSchema>,
  password: string,
  actor: ActorRef | null,
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
    mustChangePassword: false,
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
      details: { userId: user.id, email: user.email, role: user.role },
    },
  });
}
