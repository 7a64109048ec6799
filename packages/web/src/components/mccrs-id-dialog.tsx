import type { ContractView } from '@docket/domain';
import { ErrorMessage, FormGroup, Label, TextInput } from '@trussworks/react-uswds';
import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import { errorMessage, isApiError } from '../api/client';
import { setMccrsId } from '../api/contracts';
import { CHANGED_MEANWHILE } from './changed-meanwhile';
import { ConfirmDialog, type ConfirmOutcome } from './confirm-dialog';
import type { DialogHandle } from './dialog-frame';

interface Props {
  ref?: Ref<DialogHandle>;
  contract: ContractView;
  onSaved: (contract: ContractView) => void;
}

/** Records the submission's four-digit number in the legacy MC-CRS system. */
export function MccrsIdDialog({ ref, contract, onSaved }: Props) {
  const dialog = useRef<DialogHandle>(null);
  const [value, setValue] = useState(contract.mccrsId ?? '');
  const [error, setError] = useState<string | undefined>();

  useImperativeHandle(ref, () => ({
    open: () => dialog.current?.open(),
    close: () => dialog.current?.close(),
  }));

  const check = (): boolean => {
    if (/^\d{4}$/.test(value.trim())) {
      setError(undefined);
      return true;
    }
    setError('Enter the four digits of the MC-CRS record number, such as 0123');
    document.getElementById('mccrs-id')?.focus();
    return false;
  };

  const save = async (): Promise<ConfirmOutcome> => {
    try {
      onSaved(await setMccrsId(contract.id, contract.version, value.trim()));
      return 'done';
    } catch (failed) {
      const issue = isApiError(failed) ? failed.issues.find((i) => i.path[0] === 'mccrsId') : undefined;
      if (issue) {
        setError(issue.message);
        return 'stay';
      }
      if (isApiError(failed, 'VERSION_CONFLICT')) return { failure: CHANGED_MEANWHILE };
      return { failure: errorMessage(failed) };
    }
  };

  return (
    <ConfirmDialog
      ref={dialog}
      id="mccrs-id-dialog"
      heading="Record the MC-CRS number"
      description={<p>The number of this submission in the MC-CRS system, for cross-reference.</p>}
      confirmLabel="Save number"
      busyLabel="Saving…"
      initialFocusId="mccrs-id"
      onOpen={() => {
        setValue(contract.mccrsId ?? '');
        setError(undefined);
      }}
      check={check}
      onConfirm={save}
    >
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
    </ConfirmDialog>
  );
}
