import type {
  ContractRevisionDiff,
  ContractView,
  RateChange,
  RateChanges,
  RevisionView,
} from '@docket/domain';
import { FormGroup, Label, Select } from '@trussworks/react-uswds';
import { useState } from 'react';
import { getContractDiff } from '../../api/contracts';
import { formatDateTime } from '../../format/dates';
import { useResource } from '../../hooks/use-resource';
import { LoadError } from '../load-error';
import { Loading } from '../loading';
import { ChangeTables } from './change-tables';

/**
 * "Changes since the previous submission": what changed between two submissions of the filing, the last and the
 * one before it at first, any two the reader picks after. Shown when the reader can see at least two
 * submissions; the server computes the diff (`GET /api/contracts/:id/diff`) from what the reader may see.
 */
export function RevisionChanges({ contract }: { contract: ContractView }) {
  const submitted = contract.revisions.filter((r) => r.submitted !== null);
  const last = submitted.at(-1);
  const previous = submitted.at(-2);
  if (!last || !previous) return null;
  return (
    <section aria-labelledby="changes-heading" className="margin-top-5" data-testid="revision-changes">
      <h2 id="changes-heading">Changes since the previous submission</h2>
      <Comparison
        contractId={contract.id}
        submitted={submitted}
        initial={{ from: previous.id, to: last.id }}
      />
    </section>
  );
}

function submissionLabel(revision: RevisionView): string {
  const at = revision.submitted ? `, ${formatDateTime(revision.submitted.at)}` : '';
  return `Submission ${revision.number}${at}`;
}

function Comparison({
  contractId,
  submitted,
  initial,
}: {
  contractId: string;
  submitted: readonly RevisionView[];
  initial: { from: string; to: string };
}) {
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [resource, { reload }] = useResource(`diff:${contractId}:${from}:${to}`, () =>
    getContractDiff(contractId, from, to),
  );
  const choice = (id: string, label: string, value: string, onChange: (value: string) => void) => (
    <FormGroup className="margin-top-0 margin-right-4">
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} name={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {submitted.map((revision) => (
          <option key={revision.id} value={revision.id}>
            {submissionLabel(revision)}
          </option>
        ))}
      </Select>
    </FormGroup>
  );
  return (
    <>
      <div className="display-flex flex-wrap">
        {choice('changes-from', 'Compare', from, setFrom)}
        {choice('changes-to', 'With', to, setTo)}
      </div>
      <div aria-live="polite">
        {resource.status === 'loading' && <Loading label="Loading the changes" />}
        {resource.status === 'error' && (
          <LoadError what="the changes" error={resource.error} onRetry={reload} />
        )}
        {resource.status === 'ready' && <Changes diff={resource.data} />}
      </div>
    </>
  );
}

const RATE_KIND_LABELS: Record<RateChange['kind'], string> = {
  ADDED: 'Added',
  REMOVED: 'Removed',
  REVISED: 'Revised',
};

/** What happened to a rate; a rate resubmitted as it was is said to be, rather than "revised". */
function rateChangeLabel(rate: RateChange): string {
  if (rate.kind === 'REVISED' && rate.changes && isEmpty(rate.changes)) return 'Resubmitted without changes';
  return RATE_KIND_LABELS[rate.kind];
}

function isEmpty(changes: RateChanges): boolean {
  return changes.answers.length + changes.contacts.length + changes.documents.length === 0;
}

function Changes({ diff }: { diff: ContractRevisionDiff }) {
  if (diff.unchanged) {
    return (
      <p className="margin-y-2" data-testid="no-changes">
        Submissions {diff.from.number} and {diff.to.number} hold the same answers, contacts, documents and
        rate certifications.
      </p>
    );
  }
  const revised = diff.rates.filter(
    (rate): rate is RateChange & { changes: RateChanges } => rate.changes !== null && !isEmpty(rate.changes),
  );
  return (
    <>
      <p className="margin-y-2">
        What changed from submission {diff.from.number} to submission {diff.to.number}:
      </p>
      <ChangeTables changes={diff} testId="changes" />
      {diff.rates.length > 0 && (
        <table className="usa-table usa-table--borderless width-full margin-y-2" data-testid="changes-rates">
          <caption className="text-left">Rate certifications</caption>
          <thead>
            <tr>
              <th scope="col">Rate certification</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {diff.rates.map((rate) => (
              <tr key={rate.rateId}>
                <th scope="row" className="text-normal">
                  {rate.name}
                </th>
                <td>{rateChangeLabel(rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revised.map((rate) => (
        <section key={rate.rateId} aria-labelledby={`changes-rate-${rate.rateId}`} className="margin-top-3">
          <h3 id={`changes-rate-${rate.rateId}`} className="margin-bottom-1">
            Changes in {rate.name}
          </h3>
          <ChangeTables
            changes={rate.changes}
            captionPrefix={`${rate.name}: `}
            testId={`changes-rate-${rate.rateId}`}
          />
        </section>
      ))}
    </>
  );
}
