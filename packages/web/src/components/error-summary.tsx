import type { FieldIssue } from '@docket/domain';
import { useEffect, useRef, type MouseEvent } from 'react';
import { fieldIdFor, issueContext } from '../forms/field-ids';

/** Moves focus to the field an issue is about: the control itself, or the first control of its group. */
function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const element = document.getElementById(id);
  if (!element) return;
  event.preventDefault();
  const control = element.matches('input, textarea, select, button')
    ? element
    : element.querySelector<HTMLElement>('input:not([disabled]), textarea, select, button');
  (control ?? element).focus();
  element.scrollIntoView({ block: 'center' });
}

/**
 * The USWDS-style error summary at the top of a form: how many problems there are, each as a link to its field.
 * It takes focus when it appears, so keyboard and screen-reader users land on it.
 */
export function ErrorSummary({ issues, heading }: { issues: readonly FieldIssue[]; heading?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.scrollIntoView({ block: 'start' });
  }, [issues]);

  const title =
    heading ??
    (issues.length === 1
      ? 'There is 1 problem with this submission'
      : `There are ${issues.length} problems with this submission`);

  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="usa-alert usa-alert--error margin-y-3"
      aria-labelledby="error-summary-heading"
      role="region"
      data-testid="error-summary"
    >
      <div className="usa-alert__body">
        <h2 id="error-summary-heading" className="usa-alert__heading">
          {title}
        </h2>
        <ul className="usa-list margin-top-1">
          {issues.map((issue, index) => {
            const id = fieldIdFor(issue.path);
            const context = issueContext(issue.path);
            const text = context ? `${context}: ${issue.message}` : issue.message;
            return (
              <li key={`${issue.path.join('.')}-${index}`}>
                {id ? (
                  <a className="usa-link" href={`#${id}`} onClick={(event) => focusField(event, id)}>
                    {text}
                  </a>
                ) : (
                  text
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
