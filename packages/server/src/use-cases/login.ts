import { actorRef, newId, UnauthenticatedError, type User } from '@docket/domain';
import type { EventLog, Session, SessionStore, UserStore } from '@docket/store';
import { dummyPasswordHash, verifyPassword } from '../security/passwords';
import { randomToken, sha256Hex } from '../security/tokens';
import { isDemoAccount } from './demo-accounts';

export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

const WRONG_CREDENTIALS = 'The email or password is not correct';

export interface LoginResult {
  user: User;
  session: Session;
  /** The secret for the browser's cookie; the store keeps only its sha256 (the session id). */
  token: string;
}

/**
 * Checks an email and password and opens a session. A wrong email and a wrong password answer the same and
 * cost the same (one argon2id verification either way), so login cannot tell which accounts exist. Demo
 * accounts count as unknown outside demo mode.
 * @throws UnauthenticatedError
 */
export async function login(
  stores: { users: UserStore; sessions: SessionStore; events: EventLog },
  input: { email: string; password: string },
  options: { allowDemoAccounts: boolean },
): Promise<LoginResult> {
  const found = await stores.users.findByEmail(input.email.trim());
  const usable =
    found && found.passwordHash !== null && (options.allowDemoAccounts || !isDemoAccount(found.user.email))
      ? { user: found.user, passwordHash: found.passwordHash }
      : null;
  const matches = await verifyPassword(usable?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!usable || !matches) throw new UnauthenticatedError(WRONG_CREDENTIALS);
  const { user } = usable;
  if (user.disabled)
    throw new UnauthenticatedError('This account is disabled; ask an administrator to enable it');

  const now = new Date();
  const at = now.toISOString();
  const token = randomToken();
  const session: Session = {
    id: sha256Hex(token),
    userId: user.id,
    csrfToken: randomToken(),
    createdAt: at,
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
  };
  await stores.sessions.deleteExpired(at);
  await stores.sessions.create(session);
  await stores.events.append({
    id: newId(),
    at,
    actor: actorRef(user),
    action: 'LOGIN',
    reason: null,
    stateCode: user.stateCode,
    contractId: null,
    revisionId: null,
    details: {},
  });
  return { user, session, token };
}
