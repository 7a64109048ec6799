import type { RevisionView } from '@docket/domain';
import { revisionZipPath } from '../api/documents';
import type { RevisionContent } from '../summary/revision-content';

/** "Download all documents" of one revision, as one zip; shown when the revision has documents. */
export function DownloadAllLink({
  contractId,
  revision,
  content,
}: {
  contractId: string;
  revision: Pick<RevisionView, 'id' | 'number'>;
  content: RevisionContent;
}) {
  const count =
    content.contractDocuments.length +
    content.supportingDocuments.length +
    content.rates.reduce((n, r) => n + r.rateDocuments.length + r.supportingDocuments.length, 0);
  if (count === 0) return null;
  return (
    <p className="margin-y-2">
      <a className="usa-link" href={revisionZipPath(contractId, revision.id)} download>
        Download all documents
        <span className="usa-sr-only"> of submission {revision.number}</span>
      </a>{' '}
      <span className="text-base-dark">
        ({count} {count === 1 ? 'file' : 'files'}, zip)
      </span>
    </p>
  );
}
