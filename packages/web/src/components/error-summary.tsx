import type { FieldIssue } from '@docket/domain';
import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { fieldIdFor, issueContext, issueLabel } from '../forms/field-ids';

/**
 * The heading that names a part of the form (a rate certification's panel), when it can take focus: an issue
 * about the part as a whole is shown under that heading, which is where it leads.
 */
function headingOf(element: HTMLElement): HTMLElement | null {
  const labelledBy = element.getAttribute('aria-labelledby');
  const heading = labelledBy ? document.getElementById(labelledBy) : null;
  return heading?.matches('h1, h2, h3, h4, h5, h6') && heading.getAttribute('tabindex') === '-1'
    ? heading
    : null;
}

/**
 * Moves focus to the element with this id: the control itself, the heading of a part of the form, or the first
 * control of a group.
 */
export function focusField(id: string): boolean {
  const element = document.getElementById(id);
  if (!element) return false;
  const control = element.matches('input, textarea, select, button')
    ? element
    : (headingOf(element) ??
      element.querySelector<HTMLElement>('input:not([disabled]), textarea, select, button'));
  (control ?? element).focus();
  element.scrollIntoView({ block: 'center' });
  return true;
}

/** Where an issue's link goes: a field on this page, another page (a step of the journey), or nowhere. */
export type IssueTarget = { kind: 'here'; id: string } | { kind: 'page'; to: string; state?: unknown } | null;

interface Props {
  issues: readonly FieldIssue[];
  heading?: string;
  /** Where each issue links; by default, the field on this page its path names. */
  targetOf?: (issue: FieldIssue) => IssueTarget;
  /** Name the answer in each line, for a page that lists issues away from their fields. */
  nameAnswers?: boolean;
  /** Grouping label shown before each issue (e.g. the step it belongs to). */
  groupOf?: (issue: FieldIssue) => string | null;
  children?: ReactNode;
}

function defaultTarget(issue: FieldIssue): IssueTarget {
  const id = fieldIdFor(issue.path);
  return id ? { kind: 'here', id } : null;
}

/** Provision questions share one message ("Answer this provision question"): they are always named. */
function isProvision(issue: FieldIssue): boolean {
  return issue.path[0] === 'contractDetails' && issue.path[1] === 'provisions';
}

/** The line of an issue: where it is, then its message. An issue about no field is always named in words. */
function issueText(issue: FieldIssue, nameAnswers: boolean, group: string | null): string {
  const named = nameAnswers || isProvision(issue) || fieldIdFor(issue.path) === null;
  const where = [group, named ? issueLabel(issue.path) : issueContext(issue.path)].filter(Boolean);
  return where.length > 0 ? `${where.join(', ')}: ${issue.message}` : issue.message;
}

/**
 * The USWDS-style error summary at the top of a form: how many problems there are, each as a link to its field.
 * It takes focus when it appears, so keyboard and screen-reader users land on it.
 */
export function ErrorSummary({
  issues,
  heading,
  targetOf = defaultTarget,
  nameAnswers = false,
  groupOf,
  children,
}: Props) {
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

  const onHere = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    if (focusField(id)) event.preventDefault();
  };

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
        {children}
        <ul className="usa-list margin-top-1">
          {issues.map((issue, index) => {
            const target = targetOf(issue);
            const text = issueText(issue, nameAnswers, groupOf?.(issue) ?? null);
            return (
              <li key={`${issue.path.join('.')}-${index}`}>
                {target?.kind === 'here' && (
                  <a
                    className="usa-link"
                    href={`#${target.id}`}
                    onClick={(event) => onHere(event, target.id)}
                  >
                    {text}
                  </a>
                )}
                {target?.kind === 'page' && (
                  <Link className="usa-link" to={target.to} state={target.state}>
                    {text}
                  </Link>
                )}
                {!target && text}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
