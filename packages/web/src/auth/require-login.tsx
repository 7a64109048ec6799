import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Loading } from '../components/loading';
import { useSession } from './session-context';

export const PASSWORD_PAGE = '/account/password';

/** Renders its children for a signed-in user; sends anyone else to the login page and back afterwards. */
export function RequireLogin({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <Loading label="Checking your session" />;
  if (session.status === 'signed-out') {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={session.returnAfterSignIn ? { from } : null} />;
  }
  // A temporary password (after a reset) must be replaced before anything else.
  if (session.user.mustChangePassword && location.pathname !== PASSWORD_PAGE) {
    return <Navigate to={PASSWORD_PAGE} replace />;
  }
  return <>{children}</>;
}
