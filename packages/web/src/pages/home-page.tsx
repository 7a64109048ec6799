import { Navigate } from 'react-router';
import { dashboardPath } from '../auth/dashboard-path';
import { useAbilities } from '../auth/session-context';

/** `/` sends each user to their home page. */
export function HomePage() {
  const abilities = useAbilities();
  return <Navigate to={dashboardPath(abilities)} replace />;
}
