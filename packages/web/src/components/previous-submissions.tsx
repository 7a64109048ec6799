import type { ContractView, ProgramView, RevisionView } from '@docket/domain';
import { Accordion } from '@trussworks/react-uswds';
import { formatDateTime } from '../format/dates';
import { ROLE_LABELS } from '../format/labels';
import { revisionContent } from '../summary/revision-content';
import { RevisionAnswers } from './answers/revision-answers';
import { DownloadAllLink } from './download-all-link';

/** Earlier submitted revisions, newest first, each with every answer and document it was filed with. */
export function PreviousSubmissions({
  contract,
  revisions,
  programs,
}: {
  contract: ContractView;
  revisions: readonly RevisionView[];
  programs: readonly ProgramView[];
}) {
  const items = [...revisions]
    .sort((a, b) => b.number - a.number)
    .flatMap((revision) => {
      const submitted = revision.submitted;
      const content = revisionContent(contract, revision.id);
      if (!submitted || !content) return [];
      const title = `Submission ${revision.number}: submitted ${formatDateTime(submitted.at)} by ${submitted.by.name}`;
      return [
        {
          id: `revision-${revision.number}`,
          title,
          headingLevel: 'h3' as const,
          expanded: false,
          content: (
            <>
              <p className="margin-top-0">
                Submitted by {submitted.by.name} ({ROLE_LABELS[submitted.by.role]}) on{' '}
                {formatDateTime(submitted.at)}.
                {submitted.reason && (
                  <>
                    {' '}
                    <span className="text-bold">Reason for resubmitting:</span> {submitted.reason}
                  </>
                )}
              </p>
              <DownloadAllLink contractId={contract.id} revision={revision} content={content} />
              <RevisionAnswers
                content={content}
                programs={programs}
                contractId={contract.id}
                draft={false}
                level={4}
                idPrefix={`revision-${revision.number}`}
              />
            </>
          ),
        },
      ];
    });
  return <Accordion bordered multiselectable items={items} />;
}
