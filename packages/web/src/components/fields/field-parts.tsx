import { ErrorMessage } from '@trussworks/react-uswds';
import type { ReactNode } from 'react';
import { errorIdFor } from '../../forms/field-ids';

/** The `aria-describedby` of a field: its hint and its error, when it has them. */
export function describedBy(
  id: string,
  hint: ReactNode | undefined,
  error: string | undefined,
): string | undefined {
  return [hint ? `${id}-hint` : null, error ? errorIdFor(id) : null].filter(Boolean).join(' ') || undefined;
}

/** A field's hint and inline error, in the order USWDS places them under the label. */
export function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint && (
        <span className="usa-hint display-block" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && <ErrorMessage id={errorIdFor(id)}>{error}</ErrorMessage>}
    </>
  );
}
