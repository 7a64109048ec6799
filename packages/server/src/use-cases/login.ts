import {
  actorRef,
  emailSchema,
  newId,
  normalizeEmail,
  UnauthenticatedError,
  type AuditEvent,
  type User,
} from '@docket/domain';
import type { EventLog, Session, SessionStore, UserStore } from '@docket/store';
import type { KnownDevice, LoginThrottle } from '../security/login-throttle';
import { dummyPasswordHash, verifyPassword } from '../security/passwords';
import { randomToken, sha256Hex } from '../security/tokens';
import { isDemoAccount } from './demo-accounts';
import { newSessionExpiries, type SessionTimeouts } from './session-activity';

const WRONG_CREDENTIALS = 'The email or password is not correct';

/** Why a login was refused, as its `LOGIN_FAILED` event records it. */
export type LoginFailure = 'WRONG_CREDENTIALS' | 'DISABLED';

/**
 * The event of a refused login: the email typed, in normal form, when it is an address — what was typed in the email
 * field is sometimes a password (docs/adr/0005-login-throttling.md), so anything else is recorded as no email — and
 * why; never the password. It names no actor, even when the email is an account's: nobody proved who they are.
 */
function loginFailedEvent(typed: string, why: LoginFailure): AuditEvent {
  const email = emailSchema.safeParse(typed);
  return {
    id: newId(),
    at: new Date().toISOString(),
    actor: null,
    action: 'LOGIN_FAILED',
    reason: null,
    stateCode: null,
    contractId: null,
    revisionId: null,
    details: { email: email.success ? email.data : null, why },
  };
}

export interface LoginResult {
  user: User;
  session: Session;
  /** The secret for the browser's cookie; the store keeps only its sha256 (the session id). */
  token: string;
  /** What the browser's device cookie should now say: that this account signed in on it. */
  device: KnownDevice;
}

/**
 * Checks an email and password and opens a session. The attempt is first admitted by the login throttle, which
 * counts it as a failure until the password proves right; a refused attempt costs no password check. A wrong email
 * and a wrong password answer the same and cost the same (one argon2id verification either way, and the same
 * counters), so login cannot tell which accounts exist. Demo accounts count as unknown outside demo mode.
 * @throws RateLimitedError, UnauthenticatedError
 */
export async function login(
  stores: { users: UserStore; sessions: SessionStore; events: EventLog },
  throttle: LoginThrottle,
  input: { email: string; password: string },
  client: { address: string; device: KnownDevice | null },
  options: { allowDemoAccounts: boolean; timeouts: SessionTimeouts; now: () => Date },
): Promise<LoginResult> {
  // A refused attempt writes nothing: attempts past the throttle's limit are as many as a script sends, and the
  // counters already hold what the refusals tell.
  const admitted = await throttle.admit({ email: input.email, ...client }, new Date());
  const found = await stores.users.findByEmail(normalizeEmail(input.email));
  const usable =
    found && found.passwordHash !== null && (options.allowDemoAccounts || !isDemoAccount(found.user.email))
      ? { user: found.user, passwordHash: found.passwordHash }
      : null;
  const matches = await verifyPassword(usable?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!usable || !matches) {
    // The same write whether the email or the password was wrong: neither the answer nor its cost tells them apart.
    await stores.events.append(loginFailedEvent(input.email, 'WRONG_CREDENTIALS'));
    throw new UnauthenticatedError(WRONG_CREDENTIALS);
  }
  await throttle.succeeded(admitted, new Date());
  const { user } = usable;
  if (user.disabled) {
    await stores.events.append(loginFailedEvent(input.email, 'DISABLED'));
    throw new UnauthenticatedError('This account is disabled; ask an administrator to enable it');
  }

  const now = options.now();
  const at = now.toISOString();
  const token = randomToken();
  const session: Session = {
    id: sha256Hex(token),
    userId: user.id,
    csrfToken: randomToken(),
    createdAt: at,
    ...newSessionExpiries(options.timeouts, now),
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
  return { user, session, token, device: throttle.remember(client.device, admitted) };
}
