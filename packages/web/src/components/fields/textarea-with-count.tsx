import { ErrorMessage, FormGroup, Label, Textarea } from '@trussworks/react-uswds';
import { useEffect, useState } from 'react';

interface Props {
  id: string;
  label: string;
  hint?: string;
  maxLength: number;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  rows?: number;
}

function countMessage(length: number, max: number): string {
  const left = max - length;
  if (length === 0) return `${max} characters allowed`;
  if (left >= 0) return `${left} ${left === 1 ? 'character' : 'characters'} left`;
  return `${-left} ${left === -1 ? 'character' : 'characters'} over limit`;
}

/**
 * A USWDS character-count textarea, fully controlled. (The library's CharacterCount switches between controlled
 * and uncontrolled when the text is emptied.) The count is announced politely after typing pauses.
 */
export function TextareaWithCount({ id, label, hint, maxLength, value, onChange, error, rows }: Props) {
  const length = Array.from(value).length;
  const message = countMessage(length, maxLength);
  const over = length > maxLength;
  const [announced, setAnnounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setAnnounced(message), 1000);
    return () => clearTimeout(timer);
  }, [message]);

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null, `${id}-info`].filter(Boolean).join(' ');

  return (
    <FormGroup error={Boolean(error)} className="usa-character-count">
      <Label htmlFor={id} error={Boolean(error)}>
        {label}
      </Label>
      {hint && (
        <span className="usa-hint" id={hintId}>
          {hint}
        </span>
      )}
      {error && <ErrorMessage id={errorId}>{error}</ErrorMessage>}
      <Textarea
        id={id}
        name={id}
        className="usa-character-count__field"
        error={Boolean(error) || over}
        value={value}
        rows={rows}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      <span className="usa-sr-only" id={`${id}-info`}>
        You can enter up to {maxLength} characters
      </span>
      <div
        className={`usa-hint usa-character-count__status${over ? ' usa-character-count__status--invalid' : ''}`}
        aria-hidden="true"
      >
        {message}
      </div>
      <div className="usa-sr-only" aria-live="polite">
        {announced}
      </div>
    </FormGroup>
  );
}
