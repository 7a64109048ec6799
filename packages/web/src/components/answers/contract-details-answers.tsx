import {
  ANSWER_LABELS,
  applicableProvisions,
  contractDetailsAnswerTexts,
  dropIrrelevantContractDetails,
  DOCUMENT_LIST_LABELS,
  PROVISION_LABELS,
  type ContractDetailsData,
  type ContractType,
  type PopulationCovered,
} from '@docket/domain';
import type { DocumentRow } from '../../summary/revision-content';
import { AnswerList, textRows } from './answer-rows';
import { DocumentsTable } from './documents-table';
import { SummaryList } from './summary-list';

interface Props {
  details: ContractDetailsData;
  populationCovered: PopulationCovered | undefined;
  contractType: ContractType | undefined;
  contractDocuments: readonly DocumentRow[];
  supportingDocuments: readonly DocumentRow[];
  /** The contract to download documents through; omit on a page that lists a draft's documents. */
  contractId?: string;
  draft: boolean;
  testId?: string;
}

/**
 * The contract details of one revision (DOMAIN §3.2). Only the questions the other answers ask are shown, as the
 * domain decides them: the D-SNP question, the non-compliance description, and the provision questions.
 */
export function ContractDetailsAnswers({
  details: stored,
  populationCovered,
  contractType,
  contractDocuments,
  supportingDocuments,
  contractId,
  draft,
  testId,
}: Props) {
  const details = dropIrrelevantContractDetails(stored, { populationCovered, contractType });
  // Provision questions are listed grouped by their answer, below the others.
  const texts = contractDetailsAnswerTexts(
    stored,
    { populationCovered, contractType },
    { unanswered: draft },
  );
  const rows = textRows(
    texts.filter((t) => !t.key.startsWith('provisions.')),
    draft,
  );
  const asked =
    populationCovered && contractType ? applicableProvisions(populationCovered, contractType) : [];
  const included = asked.filter((p) => details.provisions[p] === true);
  const excluded = asked.filter((p) => details.provisions[p] === false);
  const unanswered = asked.filter((p) => details.provisions[p] === undefined);
  if (included.length > 0 || (asked.length > 0 && unanswered.length === 0)) {
    rows.push({
      label: ANSWER_LABELS.provisionsIncluded,
      value:
        included.length > 0 ? (
          <AnswerList items={included.map((p) => PROVISION_LABELS[p])} />
        ) : (
          <span className="text-base-dark">None of the provisions asked about</span>
        ),
    });
  }
  if (excluded.length > 0) {
    rows.push({
      label: ANSWER_LABELS.provisionsExcluded,
      value: <AnswerList items={excluded.map((p) => PROVISION_LABELS[p])} />,
    });
  }
  if (unanswered.length > 0 && draft) {
    rows.push({
      label: ANSWER_LABELS.provisionsUnanswered,
      value: <AnswerList items={unanswered.map((p) => PROVISION_LABELS[p])} />,
    });
  }

  return (
    <div data-testid={testId}>
      <DocumentsTable
        caption={DOCUMENT_LIST_LABELS.contractDocuments}
        rows={contractDocuments}
        contractId={contractId}
        empty="None yet"
      />
      <DocumentsTable
        caption={DOCUMENT_LIST_LABELS.contractSupportingDocuments}
        rows={supportingDocuments}
        contractId={contractId}
      />
      <SummaryList rows={rows} />
    </div>
  );
}
