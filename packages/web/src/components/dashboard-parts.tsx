import { STATES } from '@docket/domain';
import { FormGroup, Label } from '@trussworks/react-uswds';
import { Link } from 'react-router';

/**
 * What the CMS dashboards (submissions, rate reviews) share around their own filters and table: the states
 * filter, the tabs between them, and the line that counts a page with the way to the first and next pages.
 */

/** The states filter: a multiple choice of every state, in the URL as repeated `state` parameters. */
export function StatesFilter({
  value,
  onChange,
}: {
  value: readonly string[];
  onChange: (states: string[]) => void;
}) {
  return (
    <FormGroup className="margin-right-3 margin-top-0">
      <Label htmlFor="filter-state" id="filter-state-label">
        States
      </Label>
      <span className="usa-hint text-base-darker display-block" id="filter-state-hint">
        Choose one or more (Ctrl or ⌘ to add)
      </span>
      <select
        id="filter-state"
        className="usa-select height-auto"
        multiple
        size={4}
        aria-describedby="filter-state-hint"
        value={[...value]}
        onChange={(event) => onChange([...event.target.selectedOptions].map((option) => option.value))}
      >
        {STATES.map((state) => (
          <option key={state.code} value={state.code}>
            {state.name} ({state.code})
          </option>
        ))}
      </select>
    </FormGroup>
  );
}

/** The two CMS dashboards, as tabs of one workspace: each a page of its own, its view in its URL. */
export function CmsDashboardTabs({ current }: { current: 'submissions' | 'rate-reviews' }) {
  const tab = (path: 'submissions' | 'rate-reviews', label: string) => (
    <li className="margin-right-1">
      <Link
        to={`/${path}`}
        className={`usa-button ${current === path ? '' : 'usa-button--outline'}`}
        aria-current={current === path ? 'page' : undefined}
      >
        {label}
      </Link>
    </li>
  );
  return (
    <nav aria-label="CMS dashboards" className="margin-top-3">
      <ul className="usa-list usa-list--unstyled display-flex">
        {tab('submissions', 'Submissions')}
        {tab('rate-reviews', 'Rate reviews')}
      </ul>
    </nav>
  );
}

/** How a dashboard names what it lists, one and several. */
export interface ListNoun {
  one: string;
  many: string;
}

/** The live line that says how many rows the page shows, announced as the view changes. */
export function PageCount({
  noun,
  shown,
  later,
  nextCursor,
}: {
  noun: ListNoun;
  shown: number | null;
  later: boolean;
  nextCursor: string | null;
}) {
  return (
    <p className="margin-y-2" role="status" data-testid="dashboard-count">
      {shown !== null && countText(noun, shown, later, nextCursor)}
    </p>
  );
}

function countText(noun: ListNoun, shown: number, later: boolean, nextCursor: string | null): string {
  if (shown === 0) return later ? `No more ${noun.many}` : `No ${noun.many}`;
  const name = shown === 1 ? noun.one : noun.many;
  const where = later ? 'on this page' : 'on the first page';
  return `Showing ${shown} ${name} ${where}${nextCursor === null ? '' : '; more on the next page'}`;
}

/** The way to the first page (when not on it) and to the next (when there is one), as links of the view's URL. */
export function PageLinks({
  noun,
  first,
  next,
}: {
  noun: ListNoun;
  /** The search of the first page, or null on the first page. */
  first: string | null;
  /** The search of the next page, or null on the last. */
  next: string | null;
}) {
  if (first === null && next === null) return null;
  return (
    <nav aria-label={`Pages of ${noun.many}`} className="display-flex margin-y-2">
      {first !== null && (
        <Link className="usa-button usa-button--outline" to={{ search: first }}>
          First page
        </Link>
      )}
      {next !== null && (
        <Link className="usa-button" to={{ search: next }}>
          Next page
        </Link>
      )}
    </nav>
  );
}
