import { stateName, type ContractSummaryView } from '@docket/domain';
import { Table } from '@trussworks/react-uswds';
import { Link } from 'react-router';
import { formatDate } from '../format/dates';
import { SUBMISSION_TYPE_LABELS } from '../format/labels';
import { StatusTag } from './status-tag';

/** Which dashboard the table is on: the state's own list, or CMS's list of every state's submissions. */
export type ContractsTableVariant = 'state' | 'cms';

interface Props {
  variant: ContractsTableVariant;
  caption: string;
  items: readonly ContractSummaryView[];
}

const notYet = <span className="text-base-dark">Not chosen yet</span>;

export function ContractsTable({ variant, caption, items }: Props) {
  return (
    <Table fullWidth scrollable caption={caption} className="margin-top-2">
      <thead>
        <tr>
          <th scope="col">Submission</th>
          {variant === 'cms' && <th scope="col">State</th>}
          {variant === 'state' && <th scope="col">Programs</th>}
          <th scope="col">Submission type</th>
          {variant === 'cms' && <th scope="col">Programs</th>}
          {variant === 'cms' && <th scope="col">Submitted</th>}
          <th scope="col">Last updated</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {items.map((contract) => {
          const programs = contract.programNames.length > 0 ? contract.programNames.join(', ') : notYet;
          return (
            <tr key={contract.id}>
              <th scope="row">
                <Link className="usa-link text-no-wrap" to={`/submissions/${contract.id}`}>
                  {contract.name}
                </Link>
              </th>
              {variant === 'cms' && (
                <td>
                  <abbr title={stateName(contract.stateCode)}>{contract.stateCode}</abbr>
                </td>
              )}
              {variant === 'state' && <td>{programs}</td>}
              <td>{contract.submissionType ? SUBMISSION_TYPE_LABELS[contract.submissionType] : notYet}</td>
              {variant === 'cms' && <td>{programs}</td>}
              {variant === 'cms' && (
                <td>
                  {contract.firstSubmittedAt ? (
                    formatDate(contract.firstSubmittedAt)
                  ) : (
                    <span className="text-base-dark">Not submitted</span>
                  )}
                </td>
              )}
              <td>{formatDate(contract.updatedAt)}</td>
              <td>
                <StatusTag status={contract.status} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
