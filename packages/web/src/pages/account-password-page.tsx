import { Alert, Button } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage, isApiError } from '../api/client';
import { changePassword } from '../api/users';
import { useSession, useUser } from '../auth/session-context';
import { TextField } from '../components/fields/text-field';
import { useDocumentTitle } from '../hooks/use-document-title';
import { fieldErrors } from './admin/user-fields';

/** Every user's own password; the only page a user with a temporary password may use until they replace it. */
export function AccountPasswordPage() {
  useDocumentTitle('Change your password');
  const user = useUser();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const view = await changePassword({ currentPassword: current, newPassword: next });
      refresh(view);
      setDone(true);
      setErrors({});
      setFailure(null);
      if (user.mustChangePassword) void navigate('/', { replace: true });
    } catch (error) {
      setErrors(isApiError(error) ? fieldErrors(error.issues) : {});
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="grid-container">
      <h1>Change your password</h1>
      {user.mustChangePassword && (
        <Alert type="info" headingLevel="h2" heading="Choose your own password">
          You signed in with a temporary password. Choose your own to continue.
        </Alert>
      )}
      {done && (
        <Alert type="success" headingLevel="h2" slim>
          Your password has been changed.
        </Alert>
      )}
      {failure && (
        <Alert type="error" headingLevel="h2" slim role="alert">
          {failure}
        </Alert>
      )}
      <form className="usa-form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          type="password"
          id="currentPassword"
          label="Current password"
          value={current}
          onChange={setCurrent}
          error={errors.currentPassword}
          autoComplete="current-password"
        />
        <TextField
          type="password"
          id="newPassword"
          label="New password"
          hint="At least 12 characters."
          value={next}
          onChange={setNext}
          error={errors.newPassword}
          autoComplete="new-password"
        />
        <Button type="submit" aria-disabled={busy}>
          {busy ? 'Changing…' : 'Change password'}
        </Button>
      </form>
    </div>
  );
}
