import type { ContractView } from '@docket/domain';
import { Alert, Button, ButtonGroup, ErrorMessage, FormGroup, Label } from '@trussworks/react-uswds';
import { useImperativeHandle, useRef, useState, type FormEvent, type Ref } from 'react';
import { errorMessage, isApiError } from '../api/client';
import { approveContract } from '../api/contracts';
import { DialogFrame, type DialogHandle } from './dialog-frame';
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
  const frame = useRef<DialogHandle>(null);
  const [date, setDate] = useState(today);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useImperativeHandle(ref, () => ({
    open: () => frame.current?.open(),
    close: () => frame.current?.close(),
  }));

  const reset = () => {
    setDate(today());
    setReason('');
    setErrors({});
    setFailure(null);
    setBusy(false);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      setErrors({ date: 'Enter the date the approval was released to the state' });
      document.getElementById('approve-date')?.focus();
      return;
    }
    if (date > today()) {
      setErrors({ date: 'The release date cannot be in the future' });
      document.getElementById('approve-date')?.focus();
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      const updated = await approveContract(contract.id, contract.version, date, reason.trim() || undefined);
      frame.current?.close();
      onApproved(updated);
    } catch (error) {
      setBusy(false);
      if (isApiError(error) && error.issues.length > 0) {
        const found: Errors = {};
        for (const issue of error.issues) {
          if (issue.path[0] === 'dateApprovalReleasedToState') found.date ??= issue.message;
          else if (issue.path[0] === 'reason') found.reason ??= issue.message;
        }
        setErrors(found);
        if (!found.date && !found.reason) setFailure(errorMessage(error));
      } else if (isApiError(error, 'VERSION_CONFLICT')) {
        setFailure(
          'Someone else changed this submission after you opened it. Cancel, reload the page, and try again.',
        );
      } else {
        setFailure(errorMessage(error));
      }
    }
  };

  return (
    <DialogFrame
      ref={frame}
      id="approve-dialog"
      heading="Release this submission to the state?"
      description={<p>Approving records the date the approval was released to the state.</p>}
      initialFocusId="approve-date"
      onOpen={reset}
    >
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="usa-form usa-form--large">
        {failure && (
          <Alert type="error" headingLevel="h3" slim role="alert" className="margin-top-2">
            {failure}
          </Alert>
        )}
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
        <div className="usa-modal__footer">
          <ButtonGroup>
            <Button type="submit" disabled={busy}>
              {busy ? 'Working…' : 'Release to state'}
            </Button>
            <Button
              type="button"
              unstyled
              className="padding-105 text-center"
              onClick={() => frame.current?.close()}
            >
              Cancel
            </Button>
          </ButtonGroup>
        </div>
      </form>
    </DialogFrame>
  );
}
