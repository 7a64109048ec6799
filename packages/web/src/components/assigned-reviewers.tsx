import type { AssignableReviewer, ContractView } from '@docket/domain';
import { Alert, Button, ButtonGroup } from '@trussworks/react-uswds';
import { useRef, useState } from 'react';
import { assignReviewer, listAssignableReviewers, unassignReviewer } from '../api/assignments';
import { errorMessage } from '../api/client';
import { formatDateTime } from '../format/dates';
import { ROLE_LABELS } from '../format/labels';
import { DialogFrame, type DialogHandle } from './dialog-frame';
import { SelectField } from './fields/select-field';

interface Props {
  contract: ContractView;
  onChanged: (contract: ContractView, notice: string) => void;
}

const DIALOG_ID = 'assign-reviewer';

/**
 * The filing's "Assigned reviewers": who reviews it, and, for whoever may assign reviewers, a dialog to assign one
 * (chosen from the enabled CMS reviewers and approvers) or take one off. Shown to whoever sees the reviewers at all
 * (the server sends none to the state).
 */
export function AssignedReviewers({ contract, onChanged }: Props) {
  const dialog = useRef<DialogHandle>(null);
  const [choices, setChoices] = useState<AssignableReviewer[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { reviewers, canAssignReviewers } = contract;
  if (reviewers.length === 0 && !canAssignReviewers) return null;

  const assigned = new Set(reviewers.map((r) => r.userId));
  const options = (choices ?? [])
    .filter((c) => !assigned.has(c.userId))
    .map((c) => ({
      value: c.userId,
      label: `${c.givenName} ${c.familyName} (${c.email}, ${ROLE_LABELS[c.role]}${c.division ? `, ${c.division}` : ''})`,
    }));

  const run = async (write: () => Promise<ContractView>, notice: string) => {
    setBusy(true);
    setFailure(null);
    try {
      const updated = await write();
      setChosen('');
      onChanged(updated, notice);
    } catch (caught) {
      setFailure(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const onAssign = async () => {
    if (!chosen) {
      setError('Choose a reviewer to assign');
      return;
    }
    setError(null);
    const name = options.find((o) => o.value === chosen)?.label.split(' (')[0] ?? 'The reviewer';
    await run(() => assignReviewer(contract.id, chosen), `${name} was assigned to review ${contract.name}.`);
  };

  return (
    <section aria-labelledby="reviewers-heading" className="margin-top-4">
      <h2 id="reviewers-heading">Assigned reviewers</h2>
      {reviewers.length === 0 ? (
        <p>No reviewers are assigned to this submission yet.</p>
      ) : (
        <ul className="usa-list" data-testid="assigned-reviewers">
          {reviewers.map((r) => (
            <li key={r.userId}>
              <span className="text-bold">{r.name}</span> ({r.email}, {ROLE_LABELS[r.role]}), assigned by{' '}
              {r.assignedBy.name} on {formatDateTime(r.assignedAt)}
            </li>
          ))}
        </ul>
      )}
      {canAssignReviewers && (
        <Button type="button" outline onClick={() => dialog.current?.open()}>
          Assign reviewer
        </Button>
      )}
      <DialogFrame
        ref={dialog}
        id={DIALOG_ID}
        heading="Assign reviewers"
        description={<p>Choose a CMS reviewer or approver to review {contract.name}, or take one off.</p>}
        busy={busy}
        initialFocusId={`${DIALOG_ID}-choice`}
        onOpen={() => {
          setError(null);
          setFailure(null);
          setChosen('');
          if (choices === null) {
            listAssignableReviewers().then(setChoices, (caught: unknown) => setFailure(errorMessage(caught)));
          }
        }}
      >
        <form
          className="usa-form usa-form--large"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void onAssign();
          }}
        >
          {failure && (
            <Alert type="error" headingLevel="h3" slim role="alert" className="margin-top-2">
              {failure}
            </Alert>
          )}
          <SelectField
            id={`${DIALOG_ID}-choice`}
            label="Reviewer"
            hint={choices === null ? 'Loading the reviewers…' : undefined}
            options={options}
            value={chosen}
            onChange={(value) => setChosen(value)}
            error={error ?? undefined}
            placeholder="- Choose a reviewer -"
          />
          <ButtonGroup className="margin-top-2">
            <Button type="submit" disabled={busy} data-confirm>
              Assign
            </Button>
          </ButtonGroup>
        </form>
        {reviewers.length > 0 && (
          <>
            <h3 className="margin-top-3">Assigned now</h3>
            <ul className="usa-list usa-list--unstyled">
              {reviewers.map((r) => (
                <li key={r.userId} className="display-flex flex-align-center margin-bottom-1">
                  <span className="margin-right-2">
                    {r.name} ({r.email})
                  </span>
                  <Button
                    type="button"
                    unstyled
                    disabled={busy}
                    aria-label={`Remove ${r.name}`}
                    onClick={() =>
                      void run(
                        () => unassignReviewer(contract.id, r.userId),
                        `${r.name} no longer reviews ${contract.name}.`,
                      )
                    }
                  >
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
          </>
        )}
        <div className="usa-modal__footer">
          <Button type="button" unstyled disabled={busy} onClick={() => dialog.current?.close()}>
            Done
          </Button>
        </div>
        <span className="usa-sr-only" role="status">
          {busy ? 'Saving…' : ''}
        </span>
      </DialogFrame>
    </section>
  );
}
