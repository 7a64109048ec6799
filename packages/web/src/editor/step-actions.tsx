import { ButtonGroup } from '@trussworks/react-uswds';
import { HeldButton } from '../components/held-button';
import type { Busy } from './use-filing-editor';

interface Props {
  busy: Busy;
  uploading: number;
  onBack: (() => void) | null;
  onSaveDraft: () => void;
  /** The form's submit button continues. */
  continueLabel?: string;
}

/** "Back", "Save as draft" and "Continue" under a step. Uploads in progress hold them, so no file is left out. */
export function StepActions({ busy, uploading, onBack, onSaveDraft, continueLabel = 'Continue' }: Props) {
  const held = busy !== null || uploading > 0;
  // Built as a list: USWDS button groups wrap every child, so conditional buttons must not leave holes.
  const buttons = [];
  if (onBack) {
    buttons.push(
      <HeldButton key="back" type="button" outline held={held} onClick={onBack}>
        {busy === 'back' ? 'Saving…' : 'Back'}
      </HeldButton>,
    );
  }
  buttons.push(
    <HeldButton key="save" type="button" outline held={held} onClick={onSaveDraft}>
      {busy === 'save' ? 'Saving…' : 'Save as draft'}
    </HeldButton>,
    <HeldButton key="continue" type="submit" held={held}>
      {busy === 'continue' ? 'Saving…' : continueLabel}
    </HeldButton>,
  );
  return (
    <div className="margin-top-5 padding-top-3 border-top-1px border-base-lighter">
      {uploading > 0 && (
        <p className="margin-top-0 text-base-dark" role="status">
          Waiting for {uploading} {uploading === 1 ? 'upload' : 'uploads'} to finish…
        </p>
      )}
      <ButtonGroup>{buttons}</ButtonGroup>
    </div>
  );
}
