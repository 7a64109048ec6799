import {
  CMS_ROLES,
  roleHoldsAssignments,
  roleHoldsState,
  stateName,
  type UserEdit,
  type UserView,
} from '@docket/domain';
import { Alert, Button } from '@trussworks/react-uswds';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage, isApiError } from '../../api/client';
import { getUser, resetPassword, setUserDisabled, updateUser } from '../../api/users';
import { EndSessionsButton } from '../../components/end-sessions-button';
import { useAbilities } from '../../auth/session-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import type { DialogHandle } from '../../components/dialog-frame';
import { LoadError } from '../../components/load-error';
import { Loading } from '../../components/loading';
import { capitalized, ROLE_LABELS } from '../../format/labels';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useResource } from '../../hooks/use-resource';
import {
  AssignmentFields,
  fieldErrors,
  PersonFields,
  TemporaryPassword,
  type UserFormValues,
} from './user-fields';

/** One user: details, the edit form (the help desk sees only the assignments), disable or enable, reset password. */
export function UserPage() {
  const { id = '' } = useParams();
  const [resource, { reload, replace }] = useResource(id, () => getUser(id));
  useDocumentTitle(
    resource.status === 'ready' ? `${resource.data.givenName} ${resource.data.familyName}` : 'User',
  );
  if (resource.status === 'loading') return <Loading label="Loading the user" />;
  if (resource.status === 'error') {
    return (
      <div className="grid-container">
        <LoadError what="the user" error={resource.error} onRetry={reload} />
      </div>
    );
  }
  return <UserDetails key={resource.data.id} user={resource.data} onChange={replace} onReload={reload} />;
}

function valuesOf(user: UserView): UserFormValues {
  return {
    email: user.email,
    givenName: user.givenName,
    familyName: user.familyName,
    role: user.role,
    stateCode: user.stateCode ?? '',
    division: user.division ?? '',
    assignedStates: user.assignedStates,
  };
}

function UserDetails({
  user,
  onChange,
  onReload,
}: {
  user: UserView;
  onChange: (user: UserView) => void;
  onReload: () => void;
}) {
  const abilities = useAbilities();
  const manage = abilities.admin.includes('MANAGE_USERS');
  const assign = abilities.admin.includes('EDIT_ASSIGNMENTS') && CMS_ROLES.includes(user.role);
  const [values, setValues] = useState(() => valuesOf(user));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<{ message: string; conflict: boolean } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [temporary, setTemporary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const statusDialog = useRef<DialogHandle>(null);
  const resetDialog = useRef<DialogHandle>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const edit: UserEdit = manage
      ? {
          version: user.version,
          email: values.email,
          givenName: values.givenName,
          familyName: values.familyName,
          role: values.role || user.role,
          stateCode: roleHoldsState(values.role) ? values.stateCode || null : null,
          division: values.division || null,
          assignedStates: values.assignedStates,
        }
      : { version: user.version, division: values.division || null, assignedStates: values.assignedStates };
    if (manage && !roleHoldsAssignments(edit.role ?? user.role)) {
      edit.division = null;
      edit.assignedStates = [];
    }
    try {
      const updated = await updateUser(user.id, edit);
      onChange(updated);
      setValues(valuesOf(updated));
      setErrors({});
      setFailure(null);
      setNotice('Your changes are saved.');
    } catch (error) {
      setErrors(isApiError(error) ? fieldErrors(error.issues) : {});
      setFailure({ message: errorMessage(error), conflict: isApiError(error, 'VERSION_CONFLICT') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="grid-container">
      <p>
        <Link className="usa-link" to="/admin/users">
          All users
        </Link>
      </p>
      <h1>
        {user.givenName} {user.familyName}
      </h1>
      {notice && (
        <Alert type="success" headingLevel="h2" slim>
          {notice}
        </Alert>
      )}
      {temporary && <TemporaryPassword password={temporary} email={user.email} />}
      <dl className="docket-details">
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Role</dt>
        <dd>{capitalized(ROLE_LABELS[user.role])}</dd>
        {user.stateCode && (
          <>
            <dt>State</dt>
            <dd>{stateName(user.stateCode) ?? user.stateCode}</dd>
          </>
        )}
        <dt>Division</dt>
        <dd>{user.division ?? 'None'}</dd>
        <dt>Assigned states</dt>
        <dd>{user.assignedStates.length > 0 ? user.assignedStates.join(', ') : 'None'}</dd>
        <dt>Status</dt>
        <dd>{user.disabled ? 'Disabled' : 'Enabled'}</dd>
      </dl>
      {manage && (
        <div className="usa-button-group margin-y-2">
          <Button
            type="button"
            outline={!user.disabled}
            secondary={!user.disabled}
            onClick={() => statusDialog.current?.open()}
          >
            {user.disabled ? 'Enable user' : 'Disable user'}
          </Button>
          <Button type="button" outline onClick={() => resetDialog.current?.open()}>
            Reset password
          </Button>
          {!user.disabled && (
            <EndSessionsButton userId={user.id} userName={`${user.givenName} ${user.familyName}`} />
          )}
        </div>
      )}
      {(manage || assign) && (
        <>
          <h2>{manage ? 'Edit user' : 'Division and assigned states'}</h2>
          {failure && (
            <Alert type="error" headingLevel="h3" slim role="alert">
              {failure.message}{' '}
              {failure.conflict && (
                <Button
                  type="button"
                  unstyled
                  onClick={() => {
                    setFailure(null);
                    onReload();
                  }}
                >
                  Load the current version
                </Button>
              )}
            </Alert>
          )}
          <form className="usa-form usa-form--large" onSubmit={(e) => void save(e)} noValidate>
            {manage && <PersonFields values={values} onChange={setValues} errors={errors} />}
            <AssignmentFields
              values={values}
              errors={errors}
              onChange={(assignments) => setValues({ ...values, ...assignments })}
            />
            <Button type="submit" aria-disabled={busy}>
              {busy ? 'Saving…' : 'Save changes'}
            </Button>
          </form>
        </>
      )}
      <ConfirmDialog
        ref={statusDialog}
        id="user-status-dialog"
        heading={user.disabled ? 'Enable this user?' : 'Disable this user?'}
        description={
          <p>
            {user.disabled
              ? `${user.email} will be able to sign in again.`
              : `${user.email} will be signed out at once and will not be able to sign in until enabled again.`}
          </p>
        }
        confirmLabel={user.disabled ? 'Enable user' : 'Disable user'}
        busyLabel={user.disabled ? 'Enabling…' : 'Disabling…'}
        onConfirm={async () => {
          try {
            const changed = await setUserDisabled(user.id, user.version, !user.disabled);
            setNotice(changed.disabled ? 'The user is disabled.' : 'The user is enabled.');
            onChange(changed);
            return 'done';
          } catch (error) {
            return { failure: errorMessage(error) };
          }
        }}
      />
      <ConfirmDialog
        ref={resetDialog}
        id="reset-password-dialog"
        heading="Reset this user's password?"
        description={
          <p>
            Their current password stops working. Docket shows a temporary password once; they must choose
            their own when they next sign in.
          </p>
        }
        confirmLabel="Reset password"
        busyLabel="Resetting…"
        onConfirm={async () => {
          try {
            const reset = await resetPassword(user.id);
            setTemporary(reset.temporaryPassword);
            onChange(reset.user);
            return 'done';
          } catch (error) {
            return { failure: errorMessage(error) };
          }
        }}
      />
    </div>
  );
}
