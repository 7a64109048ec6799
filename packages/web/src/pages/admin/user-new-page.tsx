import type { UserWithTemporaryPassword } from '@docket/domain';
import { Button } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { errorMessage, isApiError } from '../../api/client';
import { createUser } from '../../api/users';
import { useAbilities } from '../../auth/session-context';
import { useDocumentTitle } from '../../hooks/use-document-title';
import {
  AssignmentFields,
  fieldErrors,
  PersonFields,
  TemporaryPassword,
  type UserFormValues,
} from './user-fields';

const EMPTY: UserFormValues = {
  email: '',
  givenName: '',
  familyName: '',
  role: '',
  stateCode: '',
  division: '',
  assignedStates: [],
};

/** A new user, with the temporary password the server chose shown once. */
export function UserNewPage() {
  useDocumentTitle('Add a user');
  const abilities = useAbilities();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<UserWithTemporaryPassword | null>(null);
  const [busy, setBusy] = useState(false);

  if (!abilities.admin.includes('MANAGE_USERS')) return <Navigate to="/admin/users" replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const result = await createUser({
        email: values.email,
        givenName: values.givenName,
        familyName: values.familyName,
        role: values.role || ('' as never),
        stateCode: values.stateCode || null,
        division: values.division || null,
        assignedStates: values.assignedStates,
      });
      setCreated(result);
      setErrors({});
    } catch (error) {
      setErrors(isApiError(error) ? fieldErrors(error.issues) : {});
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    return (
      <div className="grid-container">
        <h1>User added</h1>
        <TemporaryPassword password={created.temporaryPassword} email={created.user.email} />
        <p>
          <Link className="usa-link" to={`/admin/users/${created.user.id}`}>
            {created.user.givenName} {created.user.familyName}
          </Link>{' '}
          ·{' '}
          <Link className="usa-link" to="/admin/users">
            All users
          </Link>
        </p>
      </div>
    );
  }

  return (
    <div className="grid-container">
      <h1>Add a user</h1>
      {failure && (
        <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{failure}</p>
          </div>
        </div>
      )}
      <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)} noValidate>
        <PersonFields values={values} onChange={setValues} errors={errors} />
        <AssignmentFields
          values={values}
          errors={errors}
          onChange={(assignments) => setValues({ ...values, ...assignments })}
        />
        <Button type="submit" aria-disabled={busy}>
          {busy ? 'Adding…' : 'Add user'}
        </Button>
      </form>
    </div>
  );
}
