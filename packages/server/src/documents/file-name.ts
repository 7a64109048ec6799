import { DOCUMENT_NAME_MAX, ValidationError } from '@docket/domain';

// C0 and C1 control characters, DEL, and the bidirectional overrides that can disguise an extension.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function invalid(message: string): ValidationError {
  return new ValidationError(message, [{ path: ['file', 'name'], message }], 'INVALID_FILE_NAME');
}

/**
 * The name a document is stored under: the base name of what the client sent (no folders), in Unicode NFC,
 * trimmed, at most {@link DOCUMENT_NAME_MAX} characters, without control characters.
 * @throws ValidationError `INVALID_FILE_NAME`
 */
export function documentName(sent: string): string {
  const base = sent.slice(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1);
  const name = base.normalize('NFC').trim();
  if (name === '' || name === '.' || name === '..') throw invalid('The file has no name');
  if (FORBIDDEN.test(name)) throw invalid('The file name contains control characters; rename the file');
  if (name.length > DOCUMENT_NAME_MAX) {
    throw invalid(`The file name is longer than ${DOCUMENT_NAME_MAX} characters; rename the file`);
  }
  return name;
}
