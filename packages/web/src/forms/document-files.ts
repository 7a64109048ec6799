import type { DocumentRef } from '@docket/domain';

/**
 * What the browser checks about files before it uploads them. The server checks again, by content: these checks
 * only spare the state a useless upload and say the problem at once.
 */

/** The file types a document list accepts (DOMAIN §4), by extension. */
export const ALLOWED_EXTENSIONS = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'xlsm', 'csv'] as const;

/** For the file input's `accept` attribute. */
export const ACCEPT_ATTRIBUTE = ALLOWED_EXTENSIONS.map((ext) => `.${ext}`).join(',');

/** "PDF, DOC, DOCX, XLS, XLSX, XLSM or CSV" */
export const ALLOWED_TYPES_TEXT = `${ALLOWED_EXTENSIONS.slice(0, -1)
  .map((ext) => ext.toUpperCase())
  .join(', ')} or ${ALLOWED_EXTENSIONS.at(-1)?.toUpperCase() ?? ''}`;

export function hasAllowedExtension(name: string): boolean {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return false;
  return (ALLOWED_EXTENSIONS as readonly string[]).includes(name.slice(dot + 1).toLowerCase());
}

/** Names compare as the domain compares them in one list: trimmed and case-insensitive. */
export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

export interface FileVerdict {
  name: string;
  /** Why the file is refused before upload, or null to upload it. */
  refusal: string | null;
}

/**
 * Decides, for each chosen file in order, whether it may be uploaded into a list that already holds `taken`
 * names (documents in the list and uploads in progress): files of other types are refused, and so is a name
 * already in the list or earlier in the same choice.
 */
export function screenFiles(files: readonly { name: string }[], taken: readonly string[]): FileVerdict[] {
  const seen = new Set(taken.map(nameKey));
  return files.map(({ name }) => {
    if (!hasAllowedExtension(name)) {
      return {
        name,
        refusal: `${name} is not a file type Docket accepts. Upload ${ALLOWED_TYPES_TEXT} files.`,
      };
    }
    const key = nameKey(name);
    if (seen.has(key)) {
      return {
        name,
        refusal: `A file named ${name} is already in this list. Rename the file, or remove the one in the list first.`,
      };
    }
    seen.add(key);
    return { name, refusal: null };
  });
}

/** "1.2 MB", "850 KB", "12 bytes": sizes as people read them (decimal units, like file managers). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = value < 10 ? 1 : 0;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/**
 * The id a document is downloaded by: its blob key without the `documents/` folder the server stores uploads in.
 */
export function documentIdOf(document: Pick<DocumentRef, 'blobKey'>): string {
  const prefix = 'documents/';
  return document.blobKey.startsWith(prefix) ? document.blobKey.slice(prefix.length) : document.blobKey;
}
