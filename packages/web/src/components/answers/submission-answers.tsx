import {
  programTexts,
  submissionAnswerTexts,
  type ProgramView,
  type StoredContractForm,
} from '@docket/domain';
import { AnswerList, textRows } from './answer-rows';
import { SummaryList } from './summary-list';

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
  const texts = submissionAnswerTexts(formData, programs, { unanswered: draft });
  return <SummaryList rows={textRows(texts, draft)} testId={testId} />;
}
