import type { DocumentRef } from '@docket/domain';
import { Button, FormGroup, Label } from '@trussworks/react-uswds';
import { useEffect, useRef, useState, type ChangeEvent, type DragEvent, type ReactNode } from 'react';
import { errorMessage } from '../../api/client';
import { uploadDocument } from '../../api/documents';
import { useUploadTracker } from '../../editor/upload-tracker';
import {
  ACCEPT_ATTRIBUTE,
  ALLOWED_TYPES_TEXT,
  formatFileSize,
  nameKey,
  screenFiles,
} from '../../forms/document-files';
import { describedBy, HintAndError } from './field-parts';

interface Props {
  /** The file input's id, e.g. `contractDetails.contractDocuments`. */
  id: string;
  label: string;
  hint?: ReactNode;
  documents: readonly DocumentRef[];
  /** Takes an update of the list, since uploads finish one by one, after other edits. */
  onChange: (update: (documents: DocumentRef[]) => DocumentRef[]) => void;
  /** One document only: a new upload replaces it (the rate certification). */
  single?: boolean;
  error?: string;
}

/** A file being uploaded, or one that could not be. */
interface Attempt {
  key: number;
  name: string;
  size: number;
  /** 0 to 100. */
  percent: number;
  failure: string | null;
}

let attemptCounter = 0;

/**
 * A document list of a draft: a USWDS file input that takes several files at once, by choosing or by dragging,
 * uploads each one on its own (progress, success or the server's reason for refusing it), and lists the
 * documents with a way to remove each. Files of other types, and names already in the list, are refused before
 * any upload.
 */
export function DocumentListField({ id, label, hint, documents, onChange, single = false, error }: Props) {
  const [attempts, setAttempts] = useState<Attempt[]>([]);
  const [dragging, setDragging] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const tracker = useUploadTracker();
  const live = useRef(true);
  const aborts = useRef(new Map<number, () => void>());

  useEffect(() => {
    live.current = true;
    const pending = aborts.current;
    return () => {
      live.current = false;
      for (const abort of pending.values()) abort();
    };
  }, []);

  const patch = (key: number, change: Partial<Attempt>) => {
    if (live.current) setAttempts((all) => all.map((a) => (a.key === key ? { ...a, ...change } : a)));
  };
  const drop = (key: number) => {
    if (live.current) setAttempts((all) => all.filter((a) => a.key !== key));
  };

  /**
   * Uploads one file. Files chosen together upload at once, but each joins the list only after the one chosen
   * before it has settled (`before`), so the list keeps the order they were chosen in.
   */
  const start = (file: File, before: Promise<unknown>): Promise<unknown> => {
    const key = ++attemptCounter;
    // A new try of a name clears the message about the last one.
    setAttempts((all) => [
      ...all.filter((a) => a.failure === null || nameKey(a.name) !== nameKey(file.name)),
      { key, name: file.name, size: file.size, percent: 0, failure: null },
    ]);
    tracker?.started();
    const upload = uploadDocument(file, (sent, total) =>
      patch(key, { percent: total > 0 ? Math.floor((sent / total) * 100) : 0 }),
    );
    aborts.current.set(key, upload.abort);
    const inTurn = upload.result.then(
      async (answer) => {
        await before;
        return answer;
      },
      async (failure: unknown) => {
        await before;
        throw failure;
      },
    );
    return inTurn
      .then(
        ({ document }) => {
          onChange((current) => (single ? [document] : [...current, document]));
          drop(key);
          if (live.current) setAnnouncement(`${file.name} uploaded.`);
        },
        (failure: unknown) => {
          const message = errorMessage(failure);
          patch(key, { failure: message });
          if (live.current) setAnnouncement(`${file.name} was not uploaded. ${message}`);
        },
      )
      .finally(() => {
        aborts.current.delete(key);
        tracker?.finished();
      });
  };

  const onChosen = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = '';
    take(files);
  };

  // Files dropped on the zone are taken here rather than by the input underneath, so that a drop works the same
  // wherever it lands and whatever the browser does with drops on file inputs.
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    take(Array.from(event.dataTransfer.files));
  };

  const take = (files: File[]) => {
    setDragging(false);
    if (files.length === 0) return;
    const chosen = single ? files.slice(0, 1) : files;
    const inList = single ? [] : documents.map((d) => d.name);
    const inFlight = attempts.filter((a) => a.failure === null).map((a) => a.name);
    const verdicts = screenFiles(chosen, [...inList, ...inFlight]);
    const refused: Attempt[] = [];
    let previous: Promise<unknown> = Promise.resolve();
    chosen.forEach((file, index) => {
      const refusal = verdicts[index]?.refusal ?? null;
      if (refusal) {
        refused.push({
          key: ++attemptCounter,
          name: file.name,
          size: file.size,
          percent: 0,
          failure: refusal,
        });
      } else {
        previous = start(file, previous);
      }
    });
    if (refused.length > 0) {
      // A refused name replaces an earlier message about the same name, so the list does not fill with repeats.
      const names = new Set(refused.map((a) => nameKey(a.name)));
      setAttempts((all) => [
        ...all.filter((a) => a.failure === null || !names.has(nameKey(a.name))),
        ...refused,
      ]);
      setAnnouncement(refused.map((a) => a.failure).join(' '));
    }
    if (single && files.length > 1)
      setAnnouncement('Only the first file was used: this list takes one file.');
  };

  const remove = (document: DocumentRef) => {
    onChange((current) => current.filter((d) => d.blobKey !== document.blobKey));
    setAnnouncement(`${document.name} removed.`);
    window.requestAnimationFrame(() => window.document.getElementById(id)?.focus());
  };

  const defaultHint = single
    ? `Upload one ${ALLOWED_TYPES_TEXT} file. A new upload replaces the file below.`
    : `Upload ${ALLOWED_TYPES_TEXT} files. You can choose or drag several files at once.`;
  const shownHint = hint ? (
    <>
      {hint} {defaultHint}
    </>
  ) : (
    defaultHint
  );

  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} error={Boolean(error)}>
        {label}
      </Label>
      <HintAndError id={id} hint={shownHint} error={error} />
      <div className={`usa-file-input${dragging ? ' usa-file-input--drag' : ''}`}>
        <div
          className="usa-file-input__target"
          onDragEnter={() => setDragging(true)}
          onDragOver={(event) => event.preventDefault()}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <div className="usa-file-input__box" />
          <div className="usa-file-input__instructions" aria-hidden="true">
            <span className="usa-file-input__drag-text">
              {single ? 'Drag a file here or ' : 'Drag files here or '}
            </span>
            <span className="usa-file-input__choose">choose from folder</span>
          </div>
          <input
            id={id}
            name={id}
            type="file"
            className="usa-file-input__input"
            multiple={!single}
            accept={ACCEPT_ATTRIBUTE}
            onChange={onChosen}
            aria-describedby={describedBy(id, shownHint, error)}
          />
        </div>
      </div>
      {attempts.length > 0 && (
        <ul className="docket-file-list" aria-label={`Uploads for ${label}`}>
          {attempts.map((attempt) => (
            <li key={attempt.key} className={attempt.failure ? 'docket-file-list__item--error' : undefined}>
              <span className="text-bold">{attempt.name}</span>{' '}
              <span className="text-base-dark">{formatFileSize(attempt.size)}</span>
              {attempt.failure === null ? (
                <span className="display-flex flex-align-center margin-top-05">
                  <progress max={100} value={attempt.percent} aria-label={`Uploading ${attempt.name}`} />
                  <span className="margin-left-1">{attempt.percent}%</span>
                </span>
              ) : (
                <>
                  <span
                    className="display-block margin-top-05 text-secondary-dark"
                    data-testid="upload-error"
                  >
                    {attempt.failure}
                  </span>
                  <Button type="button" unstyled className="margin-top-05" onClick={() => drop(attempt.key)}>
                    Dismiss<span className="usa-sr-only"> the message about {attempt.name}</span>
                  </Button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {documents.length > 0 && (
        <ul className="docket-file-list" aria-label={label} data-testid={`${id}-list`}>
          {documents.map((document) => (
            <li key={document.blobKey}>
              <span className="text-bold">{document.name}</span>{' '}
              <span className="text-base-dark">{formatFileSize(document.size)}</span>{' '}
              <Button
                type="button"
                unstyled
                className="margin-top-0 margin-left-1"
                onClick={() => remove(document)}
              >
                Remove<span className="usa-sr-only"> {document.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="usa-sr-only" aria-live="polite">
        {announcement}
      </div>
    </FormGroup>
  );
}
