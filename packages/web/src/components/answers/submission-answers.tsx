import {
  ANSWER_LABELS,
  programTexts,
  type ProgramView,
  type StoredContractForm,
  CONTRACT_TYPE_LABELS,
  POPULATION_LABELS,
  SUBMISSION_TYPE_LABELS,
  yesNo,
} from '@docket/domain';
import type { ReactNode } from 'react';
import { AnswerList } from './answer-rows';
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
  return <AnswerList items={programTexts(ids, programs)} />;
}

/** The submission details answers of one revision (every version of the form holds them). */
export function SubmissionAnswers({ formData, programs, draft, testId }: Props) {
  const rows: SummaryRow[] = [];
  const add = (label: string, value: ReactNode | undefined) => {
    if (value !== undefined && value !== '') rows.push({ label, value });
    else if (draft) rows.push({ label, value: <span className="text-base-dark">Not answered yet</span> });
  };
  add(
    ANSWER_LABELS.populationCovered,
    formData.populationCovered && POPULATION_LABELS[formData.populationCovered],
  );
  add(
    ANSWER_LABELS.programIDs,
    formData.programIDs.length > 0 ? (
      <ProgramList ids={formData.programIDs} programs={programs} />
    ) : undefined,
  );
  add(
    ANSWER_LABELS.submissionType,
    formData.submissionType && SUBMISSION_TYPE_LABELS[formData.submissionType],
  );
  add(ANSWER_LABELS.contractType, formData.contractType && CONTRACT_TYPE_LABELS[formData.contractType]);
  add(ANSWER_LABELS.riskBasedContract, yesNo(formData.riskBasedContract));
  add(ANSWER_LABELS.submissionDescription, formData.submissionDescription.trim() || undefined);
  return <SummaryList rows={rows} testId={testId} />;
}
