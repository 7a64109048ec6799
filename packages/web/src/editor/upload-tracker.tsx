import { createContext, useCallback, useContext, useMemo, useState } from 'react';

/**
 * Counts the uploads in progress on the editor's page, so that saving and moving on can wait for them: a draft
 * saved mid-upload would leave the file out.
 */
export interface UploadTracker {
  started(): void;
  finished(): void;
}

const UploadTrackerContext = createContext<UploadTracker | null>(null);

/** Wrap the fields whose uploads are counted. */
export const UploadTrackerProvider = UploadTrackerContext.Provider;

/** For a document field: the tracker of the page it is on, if any. */
export function useUploadTracker(): UploadTracker | null {
  return useContext(UploadTrackerContext);
}

/** For the page: a tracker to provide, and how many uploads are in progress. */
export function useUploadCounter(): { uploading: number; tracker: UploadTracker } {
  const [uploading, setUploading] = useState(0);
  const started = useCallback(() => setUploading((n) => n + 1), []);
  const finished = useCallback(() => setUploading((n) => Math.max(0, n - 1)), []);
  const tracker = useMemo(() => ({ started, finished }), [started, finished]);
  return { uploading, tracker };
}
