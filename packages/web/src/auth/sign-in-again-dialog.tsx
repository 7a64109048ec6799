import { FormGroup, Label, TextInput } from '@trussworks/react-uswds';
import { useEffect, useRef, useState } from 'react';
import { ConfirmDialog, type ConfirmOutcome } from '../components/confirm-dialog';
import type { DialogHandle } from '../components/dialog-frame';
import { describedBy, HintAndError } from '../components/fields/field-parts';
import { loginFailureMessage } from './login-failure';

interface Props {
  /** The signed-in user's email, filled in. */
  email: string;
  /** Signs in; rejects with the reason when the email or password is refused. */
  onSignIn: (email: string, password: string) => Promise<void>;
  /** The user chose not to sign in now. */
  onCancel: () => void;
  /** Why the session ended, when the page learned it by itself. */
  reason?: string | undefined;
}

const ID = 'sign-in-again';

/**
 * Asks for the password again when the session has ended, over the page as it is, so nothing typed is lost: the
 * request that found the session ended is sent again once the user has signed in. It opens when it is rendered,
 * so it is rendered only while a renewal is pending. While the sign-in is on its way it cannot be cancelled:
 * the requests waiting for it would be told "not signed in" while the session is being opened.
 */
export function SignInAgainDialog({ email: signedInEmail, onSignIn, onCancel, reason }: Props) {
  const dialog = useRef<DialogHandle>(null);
  const [email, setEmail] = useState(signedInEmail);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();

  useEffect(() => dialog.current?.open(), []);

  const check = (): boolean => {
    if (password) {
      setError(undefined);
      return true;
    }
    setError('Enter your password');
    document.getElementById(`${ID}-password`)?.focus();
    return false;
  };

  const signIn = async (): Promise<ConfirmOutcome> => {
    try {
      await onSignIn(email.trim(), password);
      return 'done';
    } catch (problem) {
      setPassword('');
      document.getElementById(`${ID}-password`)?.focus();
      return { failure: loginFailureMessage(problem) };
    }
  };

  return (
    <ConfirmDialog
      ref={dialog}
      id={ID}
      heading="Your session has ended"
      description={
        <p>
          {reason && <>{reason} </>}
          Sign in again to carry on: this page stays as it is, and what you were saving is saved once you are
          signed in. If you sign in as someone else, the page is reloaded for them instead, without the
          changes you had not saved.
        </p>
      }
      confirmLabel="Sign in and continue"
      busyLabel="Signing in…"
      initialFocusId={`${ID}-password`}
      check={check}
      onConfirm={signIn}
      // Escape, the close button and Cancel all come here; after signing in the dialog closes itself.
      onCancel={onCancel}
    >
      <FormGroup>
        <Label htmlFor={`${ID}-email`}>Email address</Label>
        <TextInput
          id={`${ID}-email`}
          name="email"
          type="email"
          autoComplete="username"
          autoCapitalize="off"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </FormGroup>
      <FormGroup error={Boolean(error)}>
        <Label htmlFor={`${ID}-password`} error={Boolean(error)}>
          Password
        </Label>
        <HintAndError id={`${ID}-password`} error={error} />
        <TextInput
          id={`${ID}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          validationStatus={error ? 'error' : undefined}
          aria-describedby={describedBy(`${ID}-password`, undefined, error)}
        />
      </FormGroup>
    </ConfirmDialog>
  );
}
