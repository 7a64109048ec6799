import { Outlet, type RouteObject } from 'react-router';
import { LoginPage } from './auth/login-page';
import { RequireLogin } from './auth/require-login';
import { SignOutPage } from './auth/sign-out-page';
import { AppLayout, AppShell } from './components/app-shell';
import { CmsDashboardPage } from './pages/cms-dashboard-page';
import { ErrorPage } from './pages/error-page';
import { HomePage } from './pages/home-page';
import { NotFoundPage } from './pages/not-found-page';
import { StateDashboardPage } from './pages/state-dashboard-page';
import { NewSubmissionPage } from './pages/new-submission-page';
import { SubmissionEditPage } from './pages/submission-edit-page';
import { SubmissionSummaryPage } from './pages/submission-summary-page';
import { RateSummaryPage } from './pages/rate-summary-page';
import { RateReviewsPage } from './pages/rate-reviews-page';
import { AuditLogPage } from './pages/audit-log-page';
import { EmailSettingsPage } from './pages/email-settings-page';
import { AccountPasswordPage } from './pages/account-password-page';
import { UserNewPage } from './pages/admin/user-new-page';
import { UserPage } from './pages/admin/user-page';
import { UsersPage } from './pages/admin/users-page';
import { AccountPage } from './pages/account-page';
import { StateAssignmentsPage } from './pages/state-assignments-page';

/**
 * The routes. Every page renders inside the shell (banner, header, footer); errors render inside it too, so a
 * failing page still leaves the user a way out.
 */
export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: (
      <AppShell>
        <ErrorPage />
      </AppShell>
    ),
    children: [
      {
        errorElement: <ErrorPage />,
        children: [
          { path: 'login', element: <LoginPage /> },
          { path: 'logout', element: <SignOutPage /> },
          {
            element: (
              <RequireLogin>
                <Outlet />
              </RequireLogin>
            ),
            children: [
              { index: true, element: <HomePage /> },
              { path: 'dashboard', element: <StateDashboardPage /> },
              { path: 'submissions', element: <CmsDashboardPage /> },
              { path: 'rate-reviews', element: <RateReviewsPage /> },
              { path: 'submissions/new', element: <NewSubmissionPage /> },
              { path: 'submissions/:id', element: <SubmissionSummaryPage /> },
              // The journey's steps share one page: moving between them keeps the contract and the edits.
              { path: 'submissions/:id/edit/:step?', element: <SubmissionEditPage /> },
              { path: 'rates/:id', element: <RateSummaryPage /> },
              { path: 'admin/audit', element: <AuditLogPage /> },
              { path: 'admin/email-settings', element: <EmailSettingsPage /> },
              { path: 'admin/users', element: <UsersPage /> },
              { path: 'admin/users/new', element: <UserNewPage /> },
              { path: 'admin/users/:id', element: <UserPage /> },
              { path: 'account/password', element: <AccountPasswordPage /> },
              { path: 'account', element: <AccountPage /> },
              { path: 'admin/state-assignments', element: <StateAssignmentsPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
