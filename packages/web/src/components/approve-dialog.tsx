import type { ContractView } from '@docket/domain';
import { ErrorMessage, FormGroup, Label } from '@trussworks/react-uswds';
import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import { errorMessage, isApiError } from '../api/client';
import { approveContract } from '../api/contracts';
import { CHANGED_MEANWHILE } from './changed-meanwhile';
import { ConfirmDialog, type ConfirmOutcome } from './confirm-dialog';
import type { DialogHandle } from './dialog-frame';
import { TextareaWithCount } from './fields/textarea-with-count';

interface Props {
  ref?: Ref<DialogHandle>;
  contract: ContractView;
  onApproved: (contract: ContractView) => void;
}

/** Today as YYYY-MM-DD in the reviewer's own time zone. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

interface Errors {
  date?: string;
  reason?: string;
}

/** "Release to state": approves the submission on the date the approval was released to the state. */
export function ApproveDialog({ ref, contract, onApproved }: Props) {
  const dialog = useRef<DialogHandle>(null);
  const [date, setDate] = useState(today);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});

  useImperativeHandle(ref, () => ({
    open: () => dialog.current?.open(),
    close: () => dialog.current?.close(),
  }));

  const reset = () => {
    setDate(today());
    setReason('');
    setErrors({});
  };

  const check = (): boolean => {
    const problem = !/^\d{4}-\d{2}-\d{2}$/.test(date)
      ? 'Enter the date the approval was released to the state'
      : date > today()
        ? 'The release date cannot be in the future'
        : null;
    setErrors(problem ? { date: problem } : {});
    if (problem) document.getElementById('approve-date')?.focus();
    return problem === null;
  };

  const approve = async (): Promise<ConfirmOutcome> => {
    try {
      const updated = await approveContract(contract.id, contract.version, date, reason.trim() || undefined);
      onApproved(updated);
      return 'done';
    } catch (error) {
      if (isApiError(error) && error.issues.length > 0) {
        const found: Errors = {};
        for (const issue of error.issues) {
          if (issue.path[0] === 'dateApprovalReleasedToState') found.date ??= issue.message;
          else if (issue.path[0] === 'reason') found.reason ??= issue.message;
        }
        setErrors(found);
        if (found.date || found.reason) return 'stay';
      }
      if (isApiError(error, 'VERSION_CONFLICT')) return { failure: CHANGED_MEANWHILE };
      return { failure: errorMessage(error) };
    }
  };

  return (
    <ConfirmDialog
      ref={dialog}
      id="approve-dialog"
      heading="Release this submission to the state?"
      description={<p>Approving records the date the approval was released to the state.</p>}
      confirmLabel="Release to state"
      busyLabel="Releasing…"
      initialFocusId="approve-date"
      onOpen={reset}
      check={check}
      onConfirm={approve}
    >
      <FormGroup error={Boolean(errors.date)}>
        <Label htmlFor="approve-date" error={Boolean(errors.date)}>
          Date released to the state
        </Label>
        {errors.date && <ErrorMessage id="approve-date-error">{errors.date}</ErrorMessage>}
        <input
          id="approve-date"
          name="approve-date"
          type="date"
          className={`usa-input${errors.date ? ' usa-input--error' : ''}`}
          value={date}
          max={today()}
          onChange={(event) => setDate(event.target.value)}
          aria-describedby={errors.date ? 'approve-date-error' : undefined}
        />
      </FormGroup>
      <TextareaWithCount
        id="approve-reason"
        label="Note (optional)"
        maxLength={1500}
        value={reason}
        onChange={setReason}
        error={errors.reason}
        rows={3}
      />
    </ConfirmDialog>
  );
}
