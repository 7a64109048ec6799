import {
  DIVISIONS,
  ROLES,
  roleHoldsAssignments,
  roleHoldsState,
  STATES,
  type Division,
  type Role,
} from '@docket/domain';
import { CheckboxGroupField } from '../../components/fields/checkbox-group-field';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { capitalized, ROLE_LABELS } from '../../format/labels';

/** The fields of a user as the administration's forms edit them. */
export interface UserFormValues {
  email: string;
  givenName: string;
  familyName: string;
  role: Role | '';
  stateCode: string;
  division: Division | '';
  assignedStates: string[];
}

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: capitalized(ROLE_LABELS[role]) }));
export const STATE_OPTIONS = STATES.map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }));
export const DIVISION_OPTIONS = DIVISIONS.map((d) => ({ value: d, label: d }));

/** The person and the role: what only administrators change. */
export function PersonFields({
  values,
  onChange,
  errors,
}: {
  values: UserFormValues;
  onChange: (values: UserFormValues) => void;
  errors: Record<string, string>;
}) {
  return (
    <>
      <TextField
        id="email"
        label="Email"
        type="email"
        value={values.email}
        error={errors.email}
        onChange={(email) => onChange({ ...values, email })}
      />
      <TextField
        id="givenName"
        label="Given name"
        value={values.givenName}
        error={errors.givenName}
        onChange={(givenName) => onChange({ ...values, givenName })}
      />
      <TextField
        id="familyName"
        label="Family name"
        value={values.familyName}
        error={errors.familyName}
        onChange={(familyName) => onChange({ ...values, familyName })}
      />
      <SelectField
        id="role"
        label="Role"
        options={ROLE_OPTIONS}
        value={values.role}
        error={errors.role}
        onChange={(role) => onChange({ ...values, role })}
      />
      {roleHoldsState(values.role) && (
        <SelectField
          id="stateCode"
          label="State"
          options={STATE_OPTIONS}
          value={values.stateCode}
          error={errors.stateCode}
          onChange={(stateCode) => onChange({ ...values, stateCode })}
        />
      )}
    </>
  );
}

/** A CMS user's division and assigned states: what the help desk may change too. */
export function AssignmentFields({
  values,
  onChange,
  errors,
}: {
  values: Pick<UserFormValues, 'division' | 'assignedStates' | 'role'>;
  onChange: (values: { division: Division | ''; assignedStates: string[] }) => void;
  errors: Record<string, string>;
}) {
  if (!roleHoldsAssignments(values.role)) return null;
  return (
    <>
      <SelectField
        id="division"
        label="Division"
        options={DIVISION_OPTIONS}
        value={values.division}
        placeholder="- None -"
        error={errors.division}
        onChange={(division) => onChange({ division, assignedStates: values.assignedStates })}
      />
      <div className="docket-state-columns">
        <CheckboxGroupField
          id="assignedStates"
          legend="Assigned states"
          hint="The states this reviewer is an analyst for."
          options={STATE_OPTIONS}
          selected={values.assignedStates}
          error={errors.assignedStates}
          onChange={(assignedStates) => onChange({ division: values.division, assignedStates })}
        />
      </div>
    </>
  );
}

/** Field errors of a problem, by the first element of each issue's path. */
export function fieldErrors(issues: readonly { path: readonly (string | number)[]; message: string }[]) {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return errors;
}

/** A temporary password shown once, with a button that copies it. */
export function TemporaryPassword({ password, email }: { password: string; email: string }) {
  return (
    <div className="usa-alert usa-alert--warning" role="status">
      <div className="usa-alert__body">
        <h2 className="usa-alert__heading">Temporary password for {email}</h2>
        <p className="usa-alert__text">
          Give it to them in person or by phone. It is shown only now; they must choose their own password
          when they sign in.
        </p>
        <p>
          <code className="font-mono-lg" data-testid="temporary-password">
            {password}
          </code>{' '}
          <button
            type="button"
            className="usa-button usa-button--outline usa-button--unstyled margin-left-1"
            onClick={() => void navigator.clipboard?.writeText(password)}
          >
            Copy
          </button>
        </p>
      </div>
    </div>
  );
}
