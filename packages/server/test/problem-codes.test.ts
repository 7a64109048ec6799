import {
  ERROR_CODES,
  ForbiddenError,
  NotFoundError,
  TransitionError,
  UnauthenticatedError,
  UniquenessError,
  ValidationError,
  VersionConflictError,
  type DocketError,
} from '@docket/domain';
import { InvalidCursorError } from '@docket/store';
import { BlobTooLargeError } from '@docket/blobs';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli/cli-errors';
import { ConfigError } from '../src/config';
import {
  EmptyFileError,
  FileTooLargeError,
  IncompleteUploadError,
  UnsupportedFileTypeError,
  UploadFormError,
} from '../src/documents/document-errors';
import {
  CsrfError,
  PreconditionFailedError,
  RateLimitedError,
  RequestTimeoutError,
  UnstorableTextError,
} from '../src/errors';
import { problemFor } from '../src/http/problem';
import { ArchiveError, TargetNotEmptyError } from '../src/transfer';

const answered = (error: unknown) => problemFor(error, 'req-1');

describe('problems from the one table of codes', () => {
  it('answers every typed error with its code, and the status and title the table gives that code', () => {
    const errors: DocketError[] = [
      new ValidationError('bad', [{ path: ['name'], message: 'Required' }]),
      new ValidationError('bad id', [], 'INVALID_ID'),
      new InvalidCursorError(),
      new NotFoundError('Contract', 'c-1'),
      new VersionConflictError('Contract', 'c-1', 1, 2),
      new UniquenessError('taken', 'EMAIL_TAKEN'),
      new TransitionError('SUBMIT', 'SUBMITTED'),
      new ForbiddenError('no'),
      new UnauthenticatedError('who?'),
      new CsrfError(),
      new PreconditionFailedError('Contract', 'c-1', 1, 2),
      new RateLimitedError(60),
      new RequestTimeoutError(30_000),
      new UploadFormError('MISSING_FILE', 'no file'),
      new IncompleteUploadError(),
      new UnsupportedFileTypeError('application/x-msdownload'),
      new FileTooLargeError(1024),
      new EmptyFileError('empty.pdf'),
      new BlobTooLargeError(1024),
    ];
    for (const error of errors) {
      const { body, unexpected } = answered(error);
      const row = ERROR_CODES[error.code];
      expect({ code: body.code, status: body.status, title: body.title }, error.constructor.name).toEqual({
        code: error.code,
        status: row.status,
        title: row.title,
      });
      expect(unexpected).toBe(false);
    }
  });

  it('answers text no datastore keeps as a malformed request: 400 with the validation code', () => {
    const { body } = answered(new UnstorableTextError([{ path: ['name'], message: 'Holds a NUL' }]));
    expect(body).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      title: ERROR_CODES.VALIDATION_FAILED.title,
    });
    expect(body.issues).toEqual([{ path: ['name'], message: 'Holds a NUL' }]);
  });

  it("answers a command's error that reached HTTP as an internal error, and logs it", () => {
    for (const error of [
      new ConfigError(['PORT: bad']),
      new UsageError('no'),
      new TargetNotEmptyError('full'),
      new ArchiveError('damaged'),
    ]) {
      expect(ERROR_CODES[error.code].status).toBeNull();
      const { body, unexpected } = answered(error);
      expect({ status: body.status, code: body.code }).toEqual({ status: 500, code: 'INTERNAL' });
      expect(unexpected).toBe(true);
    }
  });

  it('gives every code a title and a status that is an HTTP error, or none', () => {
    for (const [code, { status, title }] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z_]*[A-Z]$/);
      expect(title.trim().length, code).toBeGreaterThan(0);
      if (status !== null) expect(status >= 400 && status <= 599, code).toBe(true);
    }
  });
});
