import type { SessionTimes, SessionView, UserAbilities, UserView } from '@docket/domain';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { checkSession, currentSession, endSession, keepAlive, login, sessionEndedNotice } from '../api/auth';
import {
  ApiError,
  setCsrfToken,
  setSessionTimesListener,
  setSessionTroubleHandler,
  type SessionTrouble,
} from '../api/client';
import { leaveWithoutAsking, pageHasUnsavedWork } from '../hooks/use-unsaved-changes';
import { IdleWarningDialog } from './idle-warning-dialog';
import { SessionWatch } from './session-watch';
import { SignInAgainDialog } from './sign-in-again-dialog';

/**
 * Who is signed in. The session itself lives in an httpOnly cookie the page cannot read; this context keeps the
 * user the server described, what the user may do (the policy's word, so no page looks at a role itself), and the
 * CSRF token (in the API client's memory, never in storage).
 */
export type SessionState =
  | { status: 'loading' }
  | {
      status: 'signed-in';
      user: UserView;
      abilities: UserAbilities;
      /** When the session idles out and ends, as the server last said. */
      times: SessionTimes;
    }
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
  /** Takes the server's new view of the session (after the user changed their own password). */
  refresh(view: SessionView): void;
}

const SIGN_OUT_UNCONFIRMED =
  'You have signed out of this page, but Docket could not confirm with the server that your session has ended. ' +
  'Close your browser to make sure, especially on a shared computer.';

function signedIn(view: SessionView): SessionState {
  return { status: 'signed-in', user: view.user, abilities: view.abilities, times: view.session };
}

/** How often an open page checks that its session still lives (and on focus). */
const CHECK_EVERY_MS = 60_000;

const SessionContext = createContext<SessionContextValue | null>(null);

interface Props {
  children: ReactNode;
  /** Reloads the page, for another user signing in where the session of the first one ended. */
  reloadPage?: () => void;
}

/** A session that ended under a signed-in user, waiting for them to sign in again. */
interface Renewal {
  user: UserView;
  /** Why the session ended, when the page learned it by itself (idle timeout, ended elsewhere). */
  reason?: string;
  /** Settles every request that found the session ended: true to send them again. */
  settle: (signedInAgain: boolean) => void;
}

export function SessionProvider({ children, reloadPage = () => window.location.reload() }: Props) {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });
  const [renewal, setRenewal] = useState<Renewal | null>(null);
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const pendingRenewal = useRef<Promise<boolean> | null>(null);
  const [warning, setWarning] = useState<number | null>(null);
  const watch = useRef<SessionWatch | null>(null);
  const signedInUser = session.status === 'signed-in' ? session.user.id : null;

  /**
   * Watches the signed-in session: the idle warning before it times out, and the end when the server says it has
   * ended. A page with answers not saved is not left: the session is renewed over it (ADR 0008), saying why.
   */
  useEffect(() => {
    const current = sessionRef.current;
    if (current.status !== 'signed-in') return;
    const ended = (code: string) => {
      setWarning(null);
      if (pageHasUnsavedWork()) {
        void renewSession('ended', sessionEndedNotice(code));
        return;
      }
      setCsrfToken(null);
      setSession({ status: 'signed-out', notice: sessionEndedNotice(code), returnAfterSignIn: true });
    };
    const running = new SessionWatch(current.times, {
      check: checkSession,
      onWarning: (deadline) => setWarning(deadline),
      onWarningOver: () => setWarning(null),
      onEnded: ended,
      checkEveryMs: CHECK_EVERY_MS,
    });
    watch.current = running;
    setSessionTimesListener((times) => {
      running.update(times);
      setSession((state) =>
        state.status === 'signed-in' ? { ...state, times: { ...state.times, ...times } } : state,
      );
    });
    const onFocus = () => running.checkNow();
    const onVisible = () => {
      if (document.visibilityState === 'visible') running.checkNow();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      running.stop();
      watch.current = null;
      setWarning(null);
      setSessionTimesListener(null);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    };
    // A new watch for each signed-in user; renewing the same user's session keeps it (its times come by headers).
  }, [signedInUser]);

  useEffect(() => {
    let live = true;
    currentSession().then(
      (view) => {
        if (!live) return;
        setCsrfToken(view.csrfToken);
        setSession(signedIn(view));
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
    setSessionTroubleHandler((trouble) => renewSession(trouble));
    return () => {
      live = false;
      setSessionTroubleHandler(null);
    };
  }, []);

  /**
   * Renews the session of the signed-in user, resolving to true when requests may be sent again. A stale CSRF
   * token means the user signed in again elsewhere (another tab): the page takes that session's token if it is the
   * same user's. A session that ended is renewed in a dialog over the page, which stays as it is; one dialog
   * answers every request that found the session ended meanwhile.
   */
  const renewSession = async (trouble: SessionTrouble, reason?: string): Promise<boolean> => {
    const current = sessionRef.current;
    if (current.status !== 'signed-in') return false;
    if (trouble === 'stale-token') {
      try {
        const view = await currentSession();
        if (view.user.id === current.user.id) setCsrfToken(view.csrfToken);
        else reloadForAnotherUser();
        return view.user.id === current.user.id;
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 401)) return false;
      }
    }
    pendingRenewal.current ??= new Promise<boolean>((resolve) => {
      setRenewal({
        user: current.user,
        ...(reason === undefined ? {} : { reason }),
        settle: (signedInAgain) => {
          pendingRenewal.current = null;
          setRenewal(null);
          resolve(signedInAgain);
        },
      });
    });
    return pendingRenewal.current;
  };

  /**
   * Another user holds the session now. The page is reloaded for them rather than carried on: what is on it (and
   * any answers not saved) was loaded and typed under the first user, and is not theirs to save, nor perhaps to see.
   */
  const reloadForAnotherUser = () => {
    leaveWithoutAsking();
    reloadPage();
  };

  /** Signs in from the dialog: the same user carries on where they were; another user gets the page reloaded. */
  const signInAgain = async (email: string, password: string) => {
    if (!renewal) return;
    const view = await login(email, password);
    setCsrfToken(view.csrfToken);
    if (view.user.id !== renewal.user.id) return reloadForAnotherUser();
    setSession(signedIn(view));
    renewal.settle(true);
  };

  const signIn = useCallback(async (email: string, password: string) => {
    const view = await login(email, password);
    setCsrfToken(view.csrfToken);
    setSession(signedIn(view));
  }, []);

  /**
   * Signs out. The page is signed out whatever the server answers, so no one is left on a page that looks signed
   * in; when the server could not confirm that the session has ended, the sign-in page says so.
   */
  const signOut = useCallback(async () => {
    const ended = await endSession();
    setCsrfToken(null);
    setSession({
      status: 'signed-out',
      notice: ended ? 'You have signed out.' : SIGN_OUT_UNCONFIRMED,
      returnAfterSignIn: false,
    });
  }, []);

  const refresh = useCallback((view: SessionView) => {
    setCsrfToken(view.csrfToken);
    setSession(signedIn(view));
  }, []);

  const value = useMemo(() => ({ session, signIn, signOut, refresh }), [session, signIn, signOut, refresh]);
  return (
    <SessionContext.Provider value={value}>
      {children}
      {warning !== null && !renewal && (
        <IdleWarningDialog
          deadline={warning}
          onStay={async () => {
            const times = await keepAlive();
            watch.current?.update(times);
            setWarning(null);
          }}
          onLogOut={() => {
            setWarning(null);
            void signOut();
          }}
        />
      )}
      {renewal && (
        <SignInAgainDialog
          email={renewal.user.email}
          reason={renewal.reason}
          onSignIn={signInAgain}
          onCancel={() => renewal.settle(false)}
        />
      )}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession is used outside SessionProvider');
  return value;
}

/** When the signed-in session idles out and ends, for pages rendered under RequireLogin. */
export function useSessionTimes(): SessionTimes {
  const { session } = useSession();
  if (session.status !== 'signed-in') throw new Error('useSessionTimes is used outside RequireLogin');
  return session.times;
}

/** The signed-in user, for pages rendered under RequireLogin. */
export function useUser(): UserView {
  const { session } = useSession();
  if (session.status !== 'signed-in') throw new Error('useUser is used outside RequireLogin');
  return session.user;
}

/** What the signed-in user may do outside any one filing, for pages rendered under RequireLogin. */
export function useAbilities(): UserAbilities {
  const { session } = useSession();
  if (session.status !== 'signed-in') throw new Error('useAbilities is used outside RequireLogin');
  return session.abilities;
}
