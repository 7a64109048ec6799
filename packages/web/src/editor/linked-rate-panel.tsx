import { formatPeriod } from '@docket/domain';
import { Tag } from '@trussworks/react-uswds';
import { Link } from 'react-router';
import type { DraftLinkedRate } from '../forms/filing-draft';

/** What a linked rate shows on the rate details step: read-only, with a way to see it and to unlink it. */
export function LinkedRatePanel({ rate }: { rate: DraftLinkedRate }) {
  const { summary } = rate;
  const period = formatPeriod(summary.rateDateStart, summary.rateDateEnd);
  return (
    <div className="bg-base-lightest padding-2 radius-md">
      <p className="margin-top-0">
        <Tag className="bg-base-dark">Linked rate</Tag>
      </p>
      <p className="margin-y-1 text-bold" data-testid="linked-rate-name">
        {summary.name}
      </p>
      {period && <p className="margin-y-1">Rating period: {period}</p>}
      {summary.programNames.length > 0 && (
        <p className="margin-y-1">Programs: {summary.programNames.join(', ')}</p>
      )}
      <p className="margin-y-1">
        Filed with{' '}
        <Link className="usa-link" to={`/submissions/${summary.parentContractId}`} target="_blank">
          {summary.parentContractName ?? 'another submission'}
          <span className="usa-sr-only"> (opens in a new tab)</span>
        </Link>
        . It is read-only here.
      </p>
    </div>
  );
}
