import { CONTRACT_ACTIONS, REASON_MAX_LENGTH } from '@docket/domain';
import { ErrorMessage, FormGroup, Label } from '@trussworks/react-uswds';
import { useState, type Ref } from 'react';
import type { ContractActionBody } from '../api/contracts';
import { ActionDialog, type FieldErrors } from './action-dialog';
import type { ConfirmOutcome } from './confirm-dialog';
import type { DialogHandle } from './dialog-frame';
import { TextareaWithCount } from './fields/textarea-with-count';

interface Props {
  ref?: Ref<DialogHandle>;
  /**
   * Whether the one approving must say why (an administrator approving in an approver's stead): the note becomes a
   * required reason, which history records with the approval.
   */
  reasonRequired: boolean;
  /** Approves with the release date and the note given (none when left empty). */
  onConfirm: (input: Omit<ContractActionBody<'APPROVE'>, 'version'>) => Promise<ConfirmOutcome>;
}

/** Today as YYYY-MM-DD in the reviewer's own time zone. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const FIELDS = { dateApprovalReleasedToState: 'approve-date', reason: 'approve-reason' };

/** The note's label when it is a reason that must be given. */
export const APPROVAL_REASON_LABEL = 'Reason for approving';

/** "Release to state": approves the submission on the date the approval was released to the state. */
export function ApproveDialog({ ref, reasonRequired, onConfirm }: Props) {
  const [date, setDate] = useState(today);
  const [reason, setReason] = useState('');

  /** What is wrong with each field, all at once, so one attempt shows everything to correct. */
  const check = () => {
    const errors: FieldErrors<keyof typeof FIELDS> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      errors.dateApprovalReleasedToState = 'Enter the date the approval was released to the state';
    } else if (date > today()) {
      errors.dateApprovalReleasedToState = 'The release date cannot be in the future';
    }
    if (reasonRequired && !reason.trim()) errors.reason = 'Enter a reason for approving';
    return errors;
  };

  return (
    <ActionDialog
      ref={ref}
      action="APPROVE"
      fields={FIELDS}
      onOpen={() => {
        setDate(today());
        setReason('');
      }}
      check={check}
      onConfirm={() => {
        const note = reason.trim();
        return onConfirm({ dateApprovalReleasedToState: date, ...(note ? { reason: note } : {}) });
      }}
    >
      {(errors) => {
        const dateError = errors.dateApprovalReleasedToState;
        return (
          <>
            <FormGroup error={Boolean(dateError)}>
              <Label htmlFor={FIELDS.dateApprovalReleasedToState} error={Boolean(dateError)}>
                Date released to the state
              </Label>
              {dateError && <ErrorMessage id="approve-date-error">{dateError}</ErrorMessage>}
              <input
                id={FIELDS.dateApprovalReleasedToState}
                name="approve-date"
                type="date"
                className={`usa-input${dateError ? ' usa-input--error' : ''}`}
                value={date}
                max={today()}
                onChange={(event) => setDate(event.target.value)}
                aria-invalid={dateError ? true : undefined}
                aria-describedby={dateError ? 'approve-date-error' : undefined}
              />
            </FormGroup>
            <TextareaWithCount
              id={FIELDS.reason}
              label={reasonRequired ? APPROVAL_REASON_LABEL : CONTRACT_ACTIONS.APPROVE.copy.reasonLabel}
              maxLength={REASON_MAX_LENGTH}
              value={reason}
              onChange={setReason}
              error={errors.reason}
              rows={3}
            />
          </>
        );
      }}
    </ActionDialog>
  );
}
