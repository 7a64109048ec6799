import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { Loading } from '../components/loading';
import { useSession } from './session-context';

/**
 * `/logout`: signs out, then shows the login page. Signing out is a move to this page, so a page with answers not
 * saved asks first, as it does for any other way out.
 */
export function SignOutPage() {
  const { signOut } = useSession();
  const navigate = useNavigate();
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void signOut().finally(() => navigate('/login', { replace: true }));
  }, [signOut, navigate]);

  return <Loading label="Signing out" />;
}
