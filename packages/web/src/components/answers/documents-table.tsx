import { Tag } from '@trussworks/react-uswds';
import { documentDownloadPath } from '../../api/documents';
import { formatDateTime } from '../../format/dates';
import { formatFileSize } from '../../forms/document-files';
import type { DocumentRow } from '../../summary/revision-content';

interface Props {
  caption: string;
  rows: readonly DocumentRow[];
  /** The contract the documents are downloaded through; omit to list them without links or dates (a draft). */
  contractId?: string;
  /** Shown when there are none. */
  empty?: string;
  testId?: string;
}

/** Documents of one list: name (a download link), size, the date first submitted, and NEW since the last submission. */
export function DocumentsTable({ caption, rows, contractId, empty = 'None', testId }: Props) {
  if (rows.length === 0) {
    return (
      <p className="margin-y-1" data-testid={testId}>
        <span className="text-bold">{caption}:</span> <span className="text-base-dark">{empty}</span>
      </p>
    );
  }
  return (
    <table
      className="usa-table usa-table--borderless width-full margin-y-2 docket-documents"
      data-testid={testId}
    >
      <caption className="text-left">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="docket-documents__name">
            Document name
          </th>
          <th scope="col" className="docket-documents__size">
            Size
          </th>
          {contractId && <th scope="col">Date added</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ document, dateAdded, isNew }) => (
          <tr key={document.blobKey}>
            <th scope="row" className="text-normal">
              {contractId ? (
                <a
                  className="usa-link"
                  href={documentDownloadPath(contractId, document)}
                  download={document.name}
                >
                  {document.name}
                </a>
              ) : (
                document.name
              )}
              {isNew && (
                <Tag className="bg-secondary-dark margin-left-1" data-testid="new-document-tag">
                  New
                </Tag>
              )}
            </th>
            <td className="text-no-wrap">{formatFileSize(document.size)}</td>
            {contractId && (
              <td>
                {dateAdded ? (
                  formatDateTime(dateAdded)
                ) : (
                  <span className="text-base-dark">Not submitted yet</span>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
