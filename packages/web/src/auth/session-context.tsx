import type { UserView } from '@docket/domain';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { currentSession, login, logout } from '../api/auth';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client';

/**
 * Who is signed in. The session itself lives in an httpOnly cookie the page cannot read; this context keeps the
 * user the server described and the CSRF token (in the API client's memory, never in storage).
 */
export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-in'; user: UserView }
  | {
      status: 'signed-out';
      /** Why the visitor is signed out, when it is not simply a first visit. */
      notice: string | null;
      /** Whether signing in again should return to the page the visitor was on (not after signing out). */
      returnAfterSignIn: boolean;
    };

interface SessionContextValue {
  session: SessionState;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    currentSession().then(
      (view) => {
        if (!live) return;
        setCsrfToken(view.csrfToken);
        setSession({ status: 'signed-in', user: view.user });
      },
      (error: unknown) => {
        if (!live) return;
        const unreachable = error instanceof ApiError && error.status !== 401;
        setSession({
          status: 'signed-out',
          notice: unreachable ? `Docket could not check your session: ${error.detail}` : null,
          returnAfterSignIn: true,
        });
      },
    );
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setSession({
        status: 'signed-out',
        notice: 'Your session has ended. Sign in again to continue.',
        returnAfterSignIn: true,
      });
    });
    return () => {
      live = false;
      setUnauthenticatedHandler(null);
    };
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const view = await login(email, password);
    setCsrfToken(view.csrfToken);
    setSession({ status: 'signed-in', user: view.user });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } finally {
      setCsrfToken(null);
      setSession({ status: 'signed-out', notice: 'You have signed out.', returnAfterSignIn: false });
    }
  }, []);

  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession is used outside SessionProvider');
  return value;
}

/** The signed-in user, for pages rendered under RequireLogin. */
export function useUser(): UserView {
  const { session } = useSession();
  if (session.status !== 'signed-in') throw new Error('useUser is used outside RequireLogin');
  return session.user;
}
