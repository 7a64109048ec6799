import { RATE_TYPE_LABELS, stateName, type RateSummaryView } from '@docket/domain';
import { Table } from '@trussworks/react-uswds';
import { Link } from 'react-router';
import { formatCalendarDate, formatDate } from '../format/dates';
import type { RateReviewSort } from '../forms/rate-reviews-query';
import { StatusTag } from './status-tag';

interface Props {
  caption: string;
  items: readonly RateSummaryView[];
  /** The column the rows are ordered by, and which way: its header says so (`aria-sort`). */
  sort: { column: RateReviewSort; order: 'asc' | 'desc' };
}

/** The rate reviews dashboard's rates; below desktop widths each row stacks as a card, its cells labelled. */
export function RatesTable({ caption, items, sort }: Props) {
  const sorted = (column: RateReviewSort) =>
    sort.column === column
      ? ({ 'aria-sort': sort.order === 'asc' ? 'ascending' : 'descending' } as const)
      : {};
  return (
    <Table fullWidth caption={caption} className="margin-top-2 docket-dashboard">
      <thead>
        <tr>
          <th scope="col" {...sorted('name')}>
            Rate review
          </th>
          <th scope="col">State</th>
          <th scope="col">Programs</th>
          <th scope="col">Rate type</th>
          <th scope="col" {...sorted('period')}>
            Rating period
          </th>
          <th scope="col" {...sorted('submitted')}>
            Submitted
          </th>
          <th scope="col" {...sorted('updated')}>
            Last updated
          </th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {items.map((rate) => (
          <tr key={rate.id}>
            <th scope="row" data-label="Rate review">
              <Link className="usa-link" to={`/rates/${rate.id}`}>
                {rate.name}
              </Link>
            </th>
            <td data-label="State">
              <abbr title={stateName(rate.stateCode)}>{rate.stateCode}</abbr>
            </td>
            <td data-label="Programs">{rate.programNames.join(', ')}</td>
            <td data-label="Rate type">{rate.rateType ? RATE_TYPE_LABELS[rate.rateType] : ''}</td>
            <td data-label="Rating period">
              {formatCalendarDate(rate.ratingPeriodStart)} to {formatCalendarDate(rate.ratingPeriodEnd)}
            </td>
            <td data-label="Submitted">{formatDate(rate.firstSubmittedAt)}</td>
            <td data-label="Last updated">{formatDate(rate.updatedAt)}</td>
            <td data-label="Status">
              <StatusTag status={rate.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
