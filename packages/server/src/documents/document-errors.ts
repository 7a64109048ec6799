import { DocketError } from '@docket/domain';
import { ALLOWED_TYPES_TEXT } from './file-types';

/**
 * Why an upload was refused. Like every Docket error they carry a stable `code` and know nothing of HTTP;
 * `http/problem.ts` gives each its status.
 */

/** The file is not one of the allowed types, its content and its name disagree, or it is a program. */
export class UnsupportedFileTypeError extends DocketError {
  readonly code = 'UNSUPPORTED_FILE_TYPE';
  constructor(reason: string) {
    super(`${reason}. Upload a ${ALLOWED_TYPES_TEXT} file`);
  }
}

/** The file has no bytes. */
export class EmptyFileError extends DocketError {
  readonly code = 'EMPTY_FILE';
  constructor(name: string) {
    super(`${name} is empty: upload a file with content`);
  }
}

/** The file is larger than the configured limit. */
export class FileTooLargeError extends DocketError {
  readonly code = 'TOO_LARGE';
  constructor(readonly maxBytes: number) {
    super(`The file is larger than the limit of ${formatMegabytes(maxBytes)} MB`);
  }
}

/** The request ended, or the connection closed, before the whole file arrived. */
export class IncompleteUploadError extends DocketError {
  readonly code = 'INCOMPLETE_UPLOAD';
  constructor(options?: ErrorOptions) {
    super('The upload ended before the whole file arrived; nothing was stored, try again', options);
  }
}

/** The request is not a multipart form with exactly one file, in the field `file`. */
export class UploadFormError extends DocketError {
  constructor(
    readonly code: 'MISSING_FILE' | 'TOO_MANY_PARTS' | 'MALFORMED_FORM',
    detail: string,
  ) {
    super(detail);
  }
}

/** Megabytes (of 1024 × 1024 bytes) to three significant digits: 250, 0.5, 1.25, 0.000977. */
export function formatMegabytes(bytes: number): string {
  return String(Number((bytes / (1024 * 1024)).toPrecision(3)));
}
