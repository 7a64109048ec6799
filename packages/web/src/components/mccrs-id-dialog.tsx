import { MCCRS_ID_PATTERN } from '@docket/domain';
import { ErrorMessage, FormGroup, Label, TextInput } from '@trussworks/react-uswds';
import { useState, type Ref } from 'react';
import { ActionDialog } from './action-dialog';
import type { ConfirmOutcome } from './confirm-dialog';
import type { DialogHandle } from './dialog-frame';

interface Props {
  ref?: Ref<DialogHandle>;
  /** The number recorded so far, if any. */
  current: string | null;
  onConfirm: (input: { mccrsId: string }) => Promise<ConfirmOutcome>;
}

/** Records the submission's four-digit number in the legacy MC-CRS system. */
export function MccrsIdDialog({ ref, current, onConfirm }: Props) {
  const [value, setValue] = useState(current ?? '');

  const check = () =>
    MCCRS_ID_PATTERN.test(value.trim())
      ? {}
      : { mccrsId: 'Enter the four digits of the MC-CRS record number, such as 0123' };

  return (
    <ActionDialog
      ref={ref}
      action="SET_MCCRS_ID"
      fields={{ mccrsId: 'mccrs-id' }}
      onOpen={() => setValue(current ?? '')}
      check={check}
      onConfirm={() => onConfirm({ mccrsId: value.trim() })}
    >
      {({ mccrsId: error }) => (
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
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'mccrs-id-hint mccrs-id-error' : 'mccrs-id-hint'}
          />
        </FormGroup>
      )}
    </ActionDialog>
  );
}
