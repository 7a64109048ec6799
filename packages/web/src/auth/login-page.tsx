import {
  Alert,
  Button,
  ErrorMessage,
  Fieldset,
  Form,
  FormGroup,
  Grid,
  Label,
  TextInput,
} from '@trussworks/react-uswds';
import { useRef, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../api/client';
import { Loading } from '../components/loading';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useSession } from './session-context';

interface FieldErrors {
  email?: string;
  password?: string;
}

/** Where to go after signing in: the page that sent the visitor here, if it is one of ours. */
function destination(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = (state as { from: unknown }).from;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login') {
      return from;
    }
  }
  return '/';
}

/** Why a sign-in failed, for people. */
export function failureMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'The email or password is not correct. Check them and try again.';
    if (error.status === 429) {
      return 'Too many sign-in attempts. For your security, wait a few minutes before you try again.';
    }
  }
  return errorMessage(error);
}

export function LoginPage() {
  useDocumentTitle('Sign in');
  const { session, signIn } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  if (session.status === 'loading') return <Loading label="Checking your session" />;
  if (session.status === 'signed-in') return <Navigate to={destination(location.state)} replace />;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!email.trim()) errors.email = 'Enter your email address';
    if (!password) errors.password = 'Enter your password';
    setFieldErrors(errors);
    setFailure(null);
    if (errors.email || errors.password) {
      document.getElementById(errors.email ? 'email' : 'password')?.focus();
      return;
    }
    setBusy(true);
    try {
      await signIn(email.trim(), password);
      navigate(destination(location.state), { replace: true });
    } catch (error) {
      setFailure(failureMessage(error));
      setPassword('');
      setBusy(false);
      requestAnimationFrame(() => alertRef.current?.focus());
    }
  };

  return (
    <Grid row className="margin-top-4">
      <Grid col={12} tablet={{ col: 8 }} desktop={{ col: 6 }}>
        <h1>Sign in to Docket</h1>
        <p className="usa-intro">
          States file managed care contracts here, and CMS reviews them. Sign in with the account your
          administrator gave you.
        </p>
        {session.notice && !failure && (
          <Alert type="info" headingLevel="h2" slim>
            {session.notice}
          </Alert>
        )}
        {failure && (
          <div ref={alertRef} tabIndex={-1} role="alert">
            <Alert type="error" headingLevel="h2" heading="You could not be signed in">
              {failure}
            </Alert>
          </div>
        )}
        <Form onSubmit={(event) => void onSubmit(event)} noValidate className="maxw-full">
          <Fieldset legend="Your account" legendStyle="srOnly">
            <FormGroup error={Boolean(fieldErrors.email)}>
              <Label htmlFor="email" error={Boolean(fieldErrors.email)}>
                Email address
              </Label>
              {fieldErrors.email && <ErrorMessage id="email-error">{fieldErrors.email}</ErrorMessage>}
              <TextInput
                id="email"
                name="email"
                type="email"
                autoComplete="username"
                autoCapitalize="off"
                spellCheck={false}
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                validationStatus={fieldErrors.email ? 'error' : undefined}
                aria-describedby={fieldErrors.email ? 'email-error' : undefined}
              />
            </FormGroup>
            <FormGroup error={Boolean(fieldErrors.password)}>
              <Label htmlFor="password" error={Boolean(fieldErrors.password)}>
                Password
              </Label>
              {fieldErrors.password && (
                <ErrorMessage id="password-error">{fieldErrors.password}</ErrorMessage>
              )}
              <TextInput
                id="password"
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                validationStatus={fieldErrors.password ? 'error' : undefined}
                aria-describedby={fieldErrors.password ? 'password-error' : undefined}
              />
            </FormGroup>
            <Button type="submit" disabled={busy} className="margin-top-3">
              {busy ? 'Signing in…' : 'Sign in'}
            </Button>
          </Fieldset>
        </Form>
      </Grid>
    </Grid>
  );
}
