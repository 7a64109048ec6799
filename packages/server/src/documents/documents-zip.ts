import { finished, PassThrough, type Readable } from 'node:stream';
import type { BlobStore } from '@docket/blobs';
import type { DocumentRef } from '@docket/domain';
import { ZipFile } from 'yazl';
import { safeSegment, uniqueName } from './archive-names';

/** One document of a zip, in a folder (segments, outermost first). */
export interface ZipEntry {
  folder: readonly string[];
  document: Pick<DocumentRef, 'blobKey' | 'name' | 'size' | 'contentType' | 'uploadedAt'>;
}

/** Text compresses well; PDFs and Office files are compressed already. */
function worthCompressing(contentType: string): boolean {
  return contentType.startsWith('text/');
}

/** Each entry's path in the zip: safe segments, names made unique within their folder. */
export function archivePaths(entries: readonly ZipEntry[]): string[] {
  const takenByFolder = new Map<string, Set<string>>();
  return entries.map(({ folder, document }) => {
    const folderPath = folder.map(safeSegment).join('/');
    let taken = takenByFolder.get(folderPath.toLowerCase());
    if (!taken) {
      taken = new Set();
      takenByFolder.set(folderPath.toLowerCase(), taken);
    }
    const name = uniqueName(safeSegment(document.name), taken);
    return folderPath === '' ? name : `${folderPath}/${name}`;
  });
}

/**
 * Streams a zip of the documents, reading one blob at a time as the zip is consumed: memory stays flat whatever
 * the sizes, and nothing is opened before it is needed. Each entry's size is checked against its record.
 *
 * If a blob cannot be read (missing from storage, a storage error, a size that does not match), the zip stream
 * is destroyed with that error, after `onFailure` is told, so the response is aborted rather than left hanging or
 * ending in a zip that looks complete. Destroying the returned stream (the client went away) closes the blob
 * being read.
 */
export function zipDocuments(
  blobs: BlobStore,
  entries: readonly ZipEntry[],
  onFailure: (error: unknown) => void,
): Readable {
  const zip = new ZipFile();
  const output = new PassThrough();
  let reading: Readable | null = null;
  let stopped = false;

  const stop = (error: unknown) => {
    if (stopped) return;
    stopped = true;
    reading?.destroy();
    if (error !== null) {
      onFailure(error);
      output.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  };
  zip.on('error', stop);
  output.on('close', () => {
    if (!output.writableFinished) stop(null);
  });

  const paths = archivePaths(entries);
  entries.forEach(({ document }, index) => {
    const options = {
      size: document.size,
      mtime: zipTime(document.uploadedAt),
      compress: worthCompressing(document.contentType),
    };
    zip.addReadStreamLazy(paths[index] ?? document.name, options, (callback) => {
      if (stopped) return;
      blobs.get(document.blobKey).then(
        (stream) => {
          if (stopped) {
            stream.destroy();
            return;
          }
          reading = stream;
          // The zip pipes the blob without watching it: a blob that fails or breaks off stops everything here.
          finished(stream, (error) => {
            if (error) stop(error);
          });
          callback(null, stream);
        },
        (error: unknown) => stop(error),
      );
    });
  });
  zip.outputStream.pipe(output);
  zip.end();
  return output;
}

/** Zip entries date from 1980 to 2107; a time outside (or unreadable) is clamped rather than failing the stream. */
function zipTime(iso: string): Date {
  const time = Date.parse(iso);
  const earliest = Date.UTC(1980, 0, 1);
  const latest = Date.UTC(2107, 11, 31);
  return new Date(Number.isNaN(time) ? earliest : Math.min(Math.max(time, earliest), latest));
}
