import { Navigate } from 'react-router';
import { dashboardPath } from '../auth/dashboard-path';
import { useUser } from '../auth/session-context';

/** `/` sends each user to their role's dashboard. */
export function HomePage() {
  const user = useUser();
  return <Navigate to={dashboardPath(user)} replace />;
}
