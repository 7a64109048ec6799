import { stateName, type UserListView } from '@docket/domain';
import { Button } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { searchUsers } from '../../api/users';
import { useAbilities } from '../../auth/session-context';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { LoadError } from '../../components/load-error';
import { Loading } from '../../components/loading';
import { capitalized, ROLE_LABELS } from '../../format/labels';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useResource } from '../../hooks/use-resource';
import { DIVISION_OPTIONS, ROLE_OPTIONS, STATE_OPTIONS } from './user-fields';

const FILTERS = ['q', 'role', 'state', 'division', 'disabled'] as const;
const PAGE_SIZE = '25';

/** The users: a search box and filters kept in the URL, a table, and First/Next paging. */
export function UsersPage() {
  useDocumentTitle('Users');
  const abilities = useAbilities();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState(() => Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])));
  const query = new URLSearchParams(params);
  query.set('limit', PAGE_SIZE);
  const [resource, { reload }] = useResource(query.toString(), () => searchUsers(query));

  if (!abilities.admin.includes('VIEW_USERS')) return <Navigate to="/" replace />;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const f of FILTERS) if (draft[f]) next.set(f, draft[f]);
    setParams(next);
  };
  const cursor = params.get('cursor');
  const withCursor = (value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set('cursor', value);
    else next.delete('cursor');
    return `?${next.toString()}`;
  };

  return (
    <div className="grid-container">
      <div className="display-flex flex-justify flex-align-center">
        <h1>Users</h1>
        {abilities.admin.includes('MANAGE_USERS') && (
          <Link className="usa-button" to="/admin/users/new">
            Add a user
          </Link>
        )}
      </div>
      <form className="usa-form usa-form--large maxw-none" onSubmit={apply} role="search" aria-label="Users">
        <div className="grid-row grid-gap">
          <TextField
            className="grid-col-12 tablet:grid-col-4"
            id="q"
            label="Name or email contains"
            value={draft.q ?? ''}
            onChange={(q) => setDraft({ ...draft, q })}
          />
          <SelectField
            className="grid-col-6 tablet:grid-col-2"
            id="role"
            label="Role"
            placeholder="Any"
            options={ROLE_OPTIONS}
            value={(draft.role ?? '') as never}
            onChange={(role) => setDraft({ ...draft, role })}
          />
          <SelectField
            className="grid-col-6 tablet:grid-col-2"
            id="state"
            label="State"
            placeholder="Any"
            options={STATE_OPTIONS}
            value={draft.state ?? ''}
            onChange={(state) => setDraft({ ...draft, state })}
          />
          <SelectField
            className="grid-col-6 tablet:grid-col-2"
            id="division"
            label="Division"
            placeholder="Any"
            options={DIVISION_OPTIONS}
            value={(draft.division ?? '') as never}
            onChange={(division) => setDraft({ ...draft, division })}
          />
          <SelectField
            className="grid-col-6 tablet:grid-col-2"
            id="disabled"
            label="Status"
            placeholder="Any"
            options={[
              { value: 'false', label: 'Enabled' },
              { value: 'true', label: 'Disabled' },
            ]}
            value={(draft.disabled ?? '') as 'true' | 'false' | ''}
            onChange={(disabled) => setDraft({ ...draft, disabled })}
          />
        </div>
        <Button type="submit">Search</Button>
      </form>
      {resource.status === 'loading' && <Loading label="Loading users" />}
      {resource.status === 'error' && <LoadError what="the users" error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' && <UsersTable page={resource.data} />}
      {resource.status === 'ready' && (
        <nav aria-label="Pages of users" className="margin-y-2">
          {cursor && (
            <Link className="usa-button usa-button--outline" to={withCursor(null)}>
              First page
            </Link>
          )}
          {resource.data.nextCursor && (
            <Link className="usa-button usa-button--outline" to={withCursor(resource.data.nextCursor)}>
              Next page
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}

function UsersTable({ page }: { page: UserListView }) {
  if (page.items.length === 0) return <p>No user matches this search.</p>;
  return (
    <table className="usa-table usa-table--borderless width-full">
      <caption className="usa-sr-only">Users, by email</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">State</th>
          <th scope="col">Division</th>
          <th scope="col">Assigned states</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {page.items.map((user) => (
          <tr key={user.id}>
            <th scope="row">
              <Link className="usa-link" to={`/admin/users/${user.id}`}>
                {user.givenName} {user.familyName}
              </Link>
            </th>
            <td>{user.email}</td>
            <td>{capitalized(ROLE_LABELS[user.role])}</td>
            <td>{user.stateCode ? (stateName(user.stateCode) ?? user.stateCode) : ''}</td>
            <td>{user.division ?? ''}</td>
            <td>{user.assignedStates.join(', ')}</td>
            <td>
              <span className={`usa-tag ${user.disabled ? 'bg-secondary-dark' : 'bg-green'}`}>
                {user.disabled ? 'Disabled' : 'Enabled'}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
