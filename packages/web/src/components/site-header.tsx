import { stateName } from '@docket/domain';
import { Button, ExtendedNav, Header, NavMenuButton, Title } from '@trussworks/react-uswds';
import { useEffect, useState } from 'react';
import { NavLink, useLocation, useNavigate } from 'react-router';
import { dashboardPath } from '../auth/dashboard-path';
import { useSession } from '../auth/session-context';
import { capitalized, ROLE_LABELS } from '../format/labels';

/** The USWDS extended header: Docket's name, the main navigation, and who is signed in with a Sign out button. */
export function SiteHeader() {
  const { session } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [expanded, setExpanded] = useState(false);

  useEffect(() => setExpanded(false), [location.pathname]);

  const signedIn = session.status === 'signed-in' ? session : null;
  const user = signedIn?.user ?? null;
  // A move to the sign-out page, so a page with answers not saved asks first.
  const onSignOut = () => void navigate('/logout');

  const primaryItems = signedIn
    ? [
        <NavLink key="dashboard" to={dashboardPath(signedIn.abilities)} end className={navClass}>
          <span>Dashboard</span>
        </NavLink>,
        ...(signedIn.abilities.admin.includes('VIEW_USERS')
          ? [
              <NavLink key="users" to="/admin/users" className={navClass}>
                <span>Users</span>
              </NavLink>,
            ]
          : []),
        ...(signedIn.abilities.admin.includes('VIEW_AUDIT_LOG')
          ? [
              <NavLink key="audit" to="/admin/audit" className={navClass}>
                <span>Audit log</span>
              </NavLink>,
            ]
          : []),
        ...(signedIn.abilities.admin.includes('VIEW_EMAIL_SETTINGS')
          ? [
              <NavLink key="email-settings" to="/admin/email-settings" className={navClass}>
                <span>Email settings</span>
              </NavLink>,
            ]
          : []),
      ]
    : [
        <NavLink key="login" to="/login" className={navClass}>
          <span>Sign in</span>
        </NavLink>,
      ];

  const secondaryItems = user
    ? [
        <span key="who" className="text-base-darkest" data-testid="signed-in-user">
          <NavLink to="/account" className="text-bold" title="Your account">
            {user.givenName} {user.familyName}
          </NavLink>
          {' · '}
          {capitalized(ROLE_LABELS[user.role])}
          {user.stateCode ? ` · ${stateName(user.stateCode) ?? user.stateCode}` : ''}
        </span>,
        <NavLink key="password" to="/account/password" className="usa-link">
          Change password
        </NavLink>,
        <Button
          key="sign-out"
          type="button"
          unstyled
          onClick={onSignOut}
          disabled={location.pathname === '/logout'}
        >
          Sign out
        </Button>,
      ]
    : [];

  return (
    <Header extended showMobileOverlay={expanded}>
      <div className="usa-navbar">
        <Title>
          <NavLink to="/" title="Docket home">
            Docket
          </NavLink>
          <span className="docket-tagline">Managed care contract filings</span>
        </Title>
        <NavMenuButton onClick={() => setExpanded((open) => !open)} label="Menu" />
      </div>
      <ExtendedNav
        aria-label="Primary navigation"
        primaryItems={primaryItems}
        secondaryItems={secondaryItems}
        mobileExpanded={expanded}
        onToggleMobileNav={() => setExpanded((open) => !open)}
      />
    </Header>
  );
}

function navClass({ isActive }: { isActive: boolean }): string {
  return isActive ? 'usa-nav-link usa-current' : 'usa-nav-link';
}
