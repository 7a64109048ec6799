import { Alert, Button, ButtonGroup, FormGroup, Label, TextInput } from '@trussworks/react-uswds';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { DialogFrame, type DialogHandle } from '../components/dialog-frame';
import { describedBy, HintAndError } from '../components/fields/field-parts';
import { loginFailureMessage } from './login-failure';

interface Props {
  /** The signed-in user's email, filled in. */
  email: string;
  /** Signs in; rejects with the reason when the email or password is refused. */
  onSignIn: (email: string, password: string) => Promise<void>;
  /** The user chose not to sign in now. */
  onCancel: () => void;
}

const ID = 'sign-in-again';

/**
 * Asks for the password again when the session has ended, over the page as it is, so nothing typed is lost: the
 * request that found the session ended is sent again once the user has signed in. It opens when it is rendered,
 * so it is rendered only while a renewal is pending.
 */
export function SignInAgainDialog({ email: signedInEmail, onSignIn, onCancel }: Props) {
  const frame = useRef<DialogHandle>(null);
  const [email, setEmail] = useState(signedInEmail);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signedIn = useRef(false);

  useEffect(() => frame.current?.open(), []);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!password) {
      setError('Enter your password');
      document.getElementById(`${ID}-password`)?.focus();
      return;
    }
    setError(undefined);
    setFailure(null);
    setBusy(true);
    try {
      await onSignIn(email.trim(), password);
      signedIn.current = true;
      frame.current?.close();
    } catch (problem) {
      setFailure(loginFailureMessage(problem));
      setPassword('');
      setBusy(false);
      document.getElementById(`${ID}-password`)?.focus();
    }
  };

  // Escape, the close button and Cancel all come here; after signing in the dialog closes itself.
  const onClose = () => {
    if (!signedIn.current) onCancel();
  };

  return (
    <DialogFrame
      ref={frame}
      id={ID}
      heading="Your session has ended"
      description={
        <p>
          Sign in again to carry on: this page stays as it is, and what you were saving is saved once you are
          signed in. If you sign in as someone else, the page is reloaded for them instead, without the
          changes you had not saved.
        </p>
      }
      initialFocusId={`${ID}-password`}
      onClose={onClose}
    >
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="usa-form usa-form--large">
        {failure && (
          <Alert type="error" headingLevel="h3" slim role="alert" className="margin-top-2">
            {failure}
          </Alert>
        )}
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
        <div className="usa-modal__footer">
          <ButtonGroup>
            <Button type="submit" disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in and continue'}
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
