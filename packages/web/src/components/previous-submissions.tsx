import type { ProgramView, RevisionView } from '@docket/domain';
import { Accordion } from '@trussworks/react-uswds';
import { formatDateTime } from '../format/dates';
import { ROLE_LABELS } from '../format/labels';
import { StateContactsTable } from './state-contacts-table';
import { SubmissionAnswers } from './submission-answers';

/** Earlier submitted revisions, newest first, each with the answers it was filed with. */
export function PreviousSubmissions({
  revisions,
  programs,
}: {
  revisions: readonly RevisionView[];
  programs: readonly ProgramView[];
}) {
  const items = [...revisions]
    .sort((a, b) => b.number - a.number)
    .flatMap((revision) => {
      const submitted = revision.submitted;
      if (!submitted) return [];
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
              <SubmissionAnswers formData={revision.formData} programs={programs} draft={false} />
              <h4>State contacts</h4>
              <StateContactsTable
                contacts={revision.formData.stateContacts}
                caption={`State contacts of submission ${revision.number}`}
              />
            </>
          ),
        },
      ];
    });
  return <Accordion bordered multiselectable items={items} />;
}
