import type { ContractView } from '@docket/domain';
import {
  Alert,
  Button,
  ButtonGroup,
  ErrorMessage,
  FormGroup,
  Label,
  TextInput,
} from '@trussworks/react-uswds';
import { useImperativeHandle, useRef, useState, type FormEvent, type Ref } from 'react';
import { errorMessage, isApiError } from '../api/client';
import { setMccrsId } from '../api/contracts';
import { DialogFrame, type DialogHandle } from './dialog-frame';

interface Props {
  ref?: Ref<DialogHandle>;
  contract: ContractView;
  onSaved: (contract: ContractView) => void;
}

/** Records the submission's four-digit number in the legacy MC-CRS system. */
export function MccrsIdDialog({ ref, contract, onSaved }: Props) {
  const frame = useRef<DialogHandle>(null);
  const [value, setValue] = useState(contract.mccrsId ?? '');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useImperativeHandle(ref, () => ({
    open: () => frame.current?.open(),
    close: () => frame.current?.close(),
  }));

  const reset = () => {
    setValue(contract.mccrsId ?? '');
    setError(undefined);
    setFailure(null);
    setBusy(false);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (!/^\d{4}$/.test(trimmed)) {
      setError('Enter the four digits of the MC-CRS record number, such as 0123');
      document.getElementById('mccrs-id')?.focus();
      return;
    }
    setError(undefined);
    setFailure(null);
    setBusy(true);
    try {
      const updated = await setMccrsId(contract.id, contract.version, trimmed);
      frame.current?.close();
      onSaved(updated);
    } catch (failed) {
      setBusy(false);
      const issue = isApiError(failed) ? failed.issues.find((i) => i.path[0] === 'mccrsId') : undefined;
      if (issue) setError(issue.message);
      else if (isApiError(failed, 'VERSION_CONFLICT')) {
        setFailure(
          'Someone else changed this submission after you opened it. Cancel, reload the page, and try again.',
        );
      } else setFailure(errorMessage(failed));
    }
  };

  return (
    <DialogFrame
      ref={frame}
      id="mccrs-id-dialog"
      heading="Record the MC-CRS number"
      description={<p>The number of this submission in the MC-CRS system, for cross-reference.</p>}
      initialFocusId="mccrs-id"
      onOpen={reset}
    >
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="usa-form usa-form--large">
        {failure && (
          <Alert type="error" headingLevel="h3" slim role="alert" className="margin-top-2">
            {failure}
          </Alert>
        )}
        <FormGroup error={Boolean(error)}>
          <Label htmlFor="mccrs-id" error={Boolean(error)}>
            MC-CRS record number
          </Label>
          <span className="usa-hint" id="mccrs-id-hint">
            Four digits, such as 0123
          </span>
          {error && <ErrorMessage id="mccrs-id-error">{error}</ErrorMessage>}
          <TextInput
            id="mccrs-id"
            name="mccrs-id"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            maxLength={4}
            inputSize="small"
            value={value}
            onChange={(event) => setValue(event.target.value)}
            validationStatus={error ? 'error' : undefined}
            aria-describedby={error ? 'mccrs-id-hint mccrs-id-error' : 'mccrs-id-hint'}
          />
        </FormGroup>
        <div className="usa-modal__footer">
          <ButtonGroup>
            <Button type="submit" disabled={busy}>
              {busy ? 'Saving…' : 'Save number'}
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
