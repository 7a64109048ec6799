import { stateName, type ContractSummaryView, SUBMISSION_TYPE_LABELS } from '@docket/domain';
import { Table } from '@trussworks/react-uswds';
import { Link } from 'react-router';
import { formatDate } from '../format/dates';
import { StatusTag } from './status-tag';

/** Which dashboard the table is on: the state's own list, or CMS's list of every state's submissions. */
export type ContractsTableVariant = 'state' | 'cms';

/** The column the rows are ordered by, and which way: its header says so to assistive technology (`aria-sort`). */
export interface TableSort {
  column: 'name' | 'submitted' | 'updated';
  order: 'asc' | 'desc';
}

interface Props {
  variant: ContractsTableVariant;
  caption: string;
  items: readonly ContractSummaryView[];
  sort?: TableSort;
}

const notYet = <span className="text-base-dark">Not chosen yet</span>;

/**
 * A dashboard's submissions. Cells wrap so every column, the status included, fits desktop widths; below them
 * each row stacks as a card, its cells labelled (`data-label`).
 */
export function ContractsTable({ variant, caption, items, sort }: Props) {
  const cms = variant === 'cms';
  const sorted = (column: TableSort['column']) =>
    sort?.column === column
      ? ({ 'aria-sort': sort.order === 'asc' ? 'ascending' : 'descending' } as const)
      : {};
  return (
    <Table fullWidth caption={caption} className="margin-top-2 docket-dashboard">
      <thead>
        <tr>
          <th scope="col" {...sorted('name')}>
            Submission
          </th>
          {cms && <th scope="col">State</th>}
          {!cms && <th scope="col">Programs</th>}
          <th scope="col">Submission type</th>
          {cms && <th scope="col">Programs</th>}
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
        {items.map((contract) => {
          const programs = contract.programNames.length > 0 ? contract.programNames.join(', ') : notYet;
          return (
            <tr key={contract.id}>
              <th scope="row" data-label="Submission">
                <Link className="usa-link" to={`/submissions/${contract.id}`}>
                  {contract.name}
                </Link>
              </th>
              {cms && (
                <td data-label="State">
                  <abbr title={stateName(contract.stateCode)}>{contract.stateCode}</abbr>
                </td>
              )}
              {!cms && <td data-label="Programs">{programs}</td>}
              <td data-label="Submission type">
                {contract.submissionType ? SUBMISSION_TYPE_LABELS[contract.submissionType] : notYet}
              </td>
              {cms && <td data-label="Programs">{programs}</td>}
              <td data-label="Submitted">
                {contract.firstSubmittedAt ? (
                  formatDate(contract.firstSubmittedAt)
                ) : (
                  <span className="text-base-dark">Not submitted</span>
                )}
              </td>
              <td data-label="Last updated">{formatDate(contract.updatedAt)}</td>
              <td data-label="Status">
                <StatusTag status={contract.status} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
