import { programLabel, type ProgramView, type StoredContractForm } from '@docket/domain';
import type { ReactNode } from 'react';
import { CONTRACT_TYPE_LABELS, POPULATION_LABELS, SUBMISSION_TYPE_LABELS, yesNo } from '../../format/labels';
import { SummaryList, type SummaryRow } from './summary-list';

interface Props {
  formData: StoredContractForm;
  programs: readonly ProgramView[];
  /**
   * A draft shows every question, "Not answered yet" where blank. A submitted revision shows what it holds and
   * omits what it lacks: questions added after it was filed were never asked of it.
   */
  draft: boolean;
  testId?: string;
}

export function ProgramList({ ids, programs }: { ids: readonly string[]; programs: readonly ProgramView[] }) {
  const byId = new Map(programs.map((p) => [p.id, p]));
  return (
    <ul className="usa-list usa-list--unstyled">
      {ids.map((id) => {
        const program = byId.get(id);
        return <li key={id}>{program ? programLabel(program) : `Unknown program (${id})`}</li>;
      })}
    </ul>
  );
}

/** The submission details answers of one revision (every version of the form holds them). */
export function SubmissionAnswers({ formData, programs, draft, testId }: Props) {
  const rows: SummaryRow[] = [];
  const add = (label: string, value: ReactNode | undefined) => {
    if (value !== undefined && value !== '') rows.push({ label, value });
    else if (draft) rows.push({ label, value: <span className="text-base-dark">Not answered yet</span> });
  };
  add('Population covered', formData.populationCovered && POPULATION_LABELS[formData.populationCovered]);
  add(
    'Programs this contract action covers',
    formData.programIDs.length > 0 ? (
      <ProgramList ids={formData.programIDs} programs={programs} />
    ) : undefined,
  );
  add('Submission type', formData.submissionType && SUBMISSION_TYPE_LABELS[formData.submissionType]);
  add('Contract action type', formData.contractType && CONTRACT_TYPE_LABELS[formData.contractType]);
  add('Risk-based contract', yesNo(formData.riskBasedContract));
  add('Submission description', formData.submissionDescription.trim() || undefined);
  return <SummaryList rows={rows} testId={testId} />;
}
