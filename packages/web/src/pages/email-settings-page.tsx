import {
  canAdminister,
  EMAIL_ADDRESS_FIELDS,
  EMAIL_LIST_FIELDS,
  EMAIL_SETTINGS_LABELS,
  type EmailAddressField,
  type EmailListField,
  type EmailSettings,
  type EmailSettingsView,
} from '@docket/domain';
import { Alert, Button } from '@trussworks/react-uswds';
import { useState, type FormEvent } from 'react';
import { Navigate } from 'react-router';
import { getEmailSettings, getEmailSettingsHistory, saveEmailSettings } from '../api/admin';
import { errorMessage, isApiError } from '../api/client';
import { dashboardPath } from '../auth/dashboard-path';
import { useAbilities, useUser } from '../auth/session-context';
import { ChangeList } from '../components/change-list';
import { LoadError } from '../components/load-error';
import { Loading } from '../components/loading';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useResource } from '../hooks/use-resource';

const LIST_HINTS: Record<EmailListField, string> = {
  reviewTeamEmails: 'Told of every submission, resubmission, unlock and withdrawal.',
  dmcoEmails: 'The Division of Managed Care Operations.',
  dmcpReviewEmails: 'Told of questions asked by DMCP.',
  dmcpSubmissionEmails: 'Told of submissions, except CHIP-only and Puerto Rico ones.',
  oactEmails: 'The Office of the Actuary: told of risk-based contract and rates submissions.',
};

/** The form's text: one textarea per list (an address a line), one input per address. */
type Draft = Record<EmailListField | EmailAddressField, string>;

function draftOf(settings: EmailSettings): Draft {
  const draft = {} as Draft;
  for (const field of EMAIL_LIST_FIELDS) draft[field] = settings[field].join('\n');
  for (const field of EMAIL_ADDRESS_FIELDS) draft[field] = settings[field] ?? '';
  return draft;
}

/** The lines of a list that hold something, each with its line number (from 1) for the errors. */
function linesOf(text: string): { value: string; line: number }[] {
  return text
    .split('\n')
    .map((value, i) => ({ value: value.trim(), line: i + 1 }))
    .filter((entry) => entry.value !== '');
}

function settingsOf(draft: Draft): EmailSettings {
  const settings = {} as Record<string, unknown>;
  for (const field of EMAIL_LIST_FIELDS) settings[field] = linesOf(draft[field]).map((e) => e.value);
  for (const field of EMAIL_ADDRESS_FIELDS)
    settings[field] = draft[field].trim() === '' ? null : draft[field].trim();
  return settings as EmailSettings;
}

/** The server's issues as messages per field, naming the line of a list. */
function errorsOf(error: unknown, draft: Draft): Partial<Record<string, string[]>> {
  if (!isApiError(error, 'VALIDATION_FAILED')) return {};
  const errors: Partial<Record<string, string[]>> = {};
  for (const issue of error.issues) {
    const [, field, index] = issue.path;
    if (typeof field !== 'string') continue;
    const line =
      typeof index === 'number' && (EMAIL_LIST_FIELDS as readonly string[]).includes(field)
        ? linesOf(draft[field as EmailListField])[index]
        : undefined;
    const message = line ? `Line ${line.line} (${line.value}): ${issue.message}` : issue.message;
    (errors[field] ??= []).push(message);
  }
  return errors;
}

/** The email settings (administrators edit, the help desk reads), with the history of their changes. */
export function EmailSettingsPage() {
  useDocumentTitle('Email settings');
  const abilities = useAbilities();
  const user = useUser();
  if (!abilities.admin.includes('VIEW_EMAIL_SETTINGS'))
    return <Navigate to={dashboardPath(abilities)} replace />;
  return <EmailSettingsView canEdit={canAdminister(user, 'EDIT_EMAIL_SETTINGS')} />;
}

function EmailSettingsView({ canEdit }: { canEdit: boolean }) {
  const [current, { reload, replace }] = useResource('email-settings', getEmailSettings);
  const [historyKey, setHistoryKey] = useState(0);
  const [justSaved, setJustSaved] = useState(false);
  if (current.status === 'loading') return <Loading label="Loading the email settings" />;
  if (current.status === 'error')
    return <LoadError what="the email settings" error={current.error} onRetry={reload} />;
  return (
    <>
      <h1 className="margin-top-3">Email settings</h1>
      <p className="usa-intro">Who receives Docket’s automated emails, and the address they come from.</p>
      {justSaved && (
        <Alert type="success" headingLevel="h2" slim role="status">
          The email settings were saved as version {current.data.version}.
        </Alert>
      )}
      <SettingsForm
        key={`settings-${current.data.version}`}
        view={current.data}
        canEdit={canEdit && current.data.canEdit}
        onSaved={(saved) => {
          replace(saved);
          setJustSaved(true);
          setHistoryKey((n) => n + 1);
        }}
        onReload={reload}
      />
      <History key={`history-${historyKey}`} />
    </>
  );
}

function SettingsForm({
  view,
  canEdit,
  onSaved,
  onReload,
}: {
  view: EmailSettingsView;
  canEdit: boolean;
  onSaved: (saved: EmailSettingsView) => void;
  onReload: () => void;
}) {
  const [draft, setDraft] = useState(() => draftOf(view.settings));
  // The failure of the last save, with the text it was about: its issues name lines of that text.
  const [failure, setFailure] = useState<{ error: unknown; sent: Draft } | null>(null);
  const [saving, setSaving] = useState(false);
  const errors = failure ? errorsOf(failure.error, failure.sent) : {};
  const conflict = failure !== null && isApiError(failure.error, 'VERSION_CONFLICT');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    const sent = draft;
    saveEmailSettings(view.version, settingsOf(sent)).then(
      (next) => {
        setFailure(null);
        setSaving(false);
        onSaved(next);
      },
      (error: unknown) => {
        setFailure({ error, sent });
        setSaving(false);
      },
    );
  };

  const set = (field: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const fieldErrors = (field: string) => {
    const list = errors[field] ?? [];
    if (list.length === 0) return null;
    return (
      <span className="usa-error-message" id={`${field}-error`}>
        {list.map((message) => (
          <span key={message} className="display-block">
            {message}
          </span>
        ))}
      </span>
    );
  };

  return (
    <form className="usa-form maxw-tablet" onSubmit={onSubmit} aria-label="Email settings" noValidate>
      {view.version > 0 && (
        <p className="text-base-dark" data-testid="settings-version">
          Version {view.version}
        </p>
      )}
      {conflict && (
        <Alert type="warning" headingLevel="h2" heading="Someone else saved the settings meanwhile">
          Your changes were not saved. Load their version, then make your changes again.
          <Button type="button" className="margin-top-1 display-block" onClick={onReload}>
            Load the latest settings
          </Button>
        </Alert>
      )}
      {Object.keys(errors).length > 0 && (
        <Alert type="error" headingLevel="h2" heading="Some addresses are not valid" role="alert">
          Correct the addresses marked below; nothing was saved.
        </Alert>
      )}
      {failure !== null && !conflict && Object.keys(errors).length === 0 && (
        <Alert type="error" headingLevel="h2" heading="The settings were not saved">
          {errorMessage(failure.error)}
        </Alert>
      )}
      <fieldset className="usa-fieldset">
        <legend className="usa-legend usa-legend--large">Distribution lists</legend>
        {EMAIL_LIST_FIELDS.map((field) => (
          <div key={field} className={`usa-form-group${errors[field] ? ' usa-form-group--error' : ''}`}>
            <label className="usa-label" htmlFor={field}>
              {EMAIL_SETTINGS_LABELS[field]}
            </label>
            <span className="usa-hint" id={`${field}-hint`}>
              {LIST_HINTS[field]} One address per line.
            </span>
            {fieldErrors(field)}
            <textarea
              id={field}
              name={field}
              className={`usa-textarea${errors[field] ? ' usa-input--error' : ''}`}
              rows={4}
              value={draft[field]}
              readOnly={!canEdit}
              aria-describedby={`${field}-hint${errors[field] ? ` ${field}-error` : ''}`}
              onChange={(e) => set(field)(e.target.value)}
            />
          </div>
        ))}
      </fieldset>
      <fieldset className="usa-fieldset margin-top-4">
        <legend className="usa-legend usa-legend--large">Addresses</legend>
        {EMAIL_ADDRESS_FIELDS.map((field) => (
          <div key={field} className={`usa-form-group${errors[field] ? ' usa-form-group--error' : ''}`}>
            <label className="usa-label" htmlFor={field}>
              {EMAIL_SETTINGS_LABELS[field]}
            </label>
            {fieldErrors(field)}
            <input
              id={field}
              name={field}
              type="email"
              className={`usa-input${errors[field] ? ' usa-input--error' : ''}`}
              value={draft[field]}
              readOnly={!canEdit}
              aria-describedby={errors[field] ? `${field}-error` : undefined}
              onChange={(e) => set(field)(e.target.value)}
            />
          </div>
        ))}
      </fieldset>
      {canEdit && (
        <Button type="submit" className="margin-top-3" disabled={saving}>
          {saving ? 'Saving…' : 'Save email settings'}
        </Button>
      )}
    </form>
  );
}

function History() {
  const [history, { reload }] = useResource('email-settings-history', () => getEmailSettingsHistory());
  return (
    <section aria-labelledby="history-heading" className="margin-top-6">
      <h2 id="history-heading">History of changes</h2>
      {history.status === 'loading' && <Loading label="Loading the history" />}
      {history.status === 'error' && <LoadError what="the history" error={history.error} onRetry={reload} />}
      {history.status === 'ready' &&
        (history.data.items.length === 0 ? (
          <p>The settings have not been changed yet.</p>
        ) : (
          <table className="usa-table usa-table--borderless width-full" data-testid="settings-history">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What changed</th>
              </tr>
            </thead>
            <tbody>
              {history.data.items.map((item) => (
                <tr key={item.version}>
                  <td>{item.version}</td>
                  <td>{new Date(item.savedAt).toLocaleString()}</td>
                  <td>{item.savedBy ? `${item.savedBy.name} (${item.savedBy.email})` : 'Docket'}</td>
                  <td>
                    <ChangeList changes={item.changes} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
