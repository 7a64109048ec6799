/**
 * The document types Docket accepts (DOMAIN §4), each recognised twice: by the first bytes of its content and by
 * the extension of its name, which must agree. The content type recorded for a document comes from its extension,
 * never from what the client claims.
 */

/** What the first bytes of a file can reveal. */
export type ContentFamily = 'pdf' | 'ole2' | 'zip' | 'text';

export interface AllowedType {
  extension: string;
  family: ContentFamily;
  contentType: string;
  /** What people call it, for messages. */
  label: string;
  /**
   * For an Office Open XML type: the content type its `[Content_Types].xml` declares for the main part, which the
   * upload's structure is checked for (see `office-structure.ts`).
   */
  officeMain?: string;
}

export const ALLOWED_TYPES: readonly AllowedType[] = [
  { extension: 'pdf', family: 'pdf', contentType: 'application/pdf', label: 'PDF' },
  { extension: 'doc', family: 'ole2', contentType: 'application/msword', label: 'DOC' },
  {
    extension: 'docx',
    family: 'zip',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'DOCX',
    officeMain: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  },
  { extension: 'xls', family: 'ole2', contentType: 'application/vnd.ms-excel', label: 'XLS' },
  {
    extension: 'xlsx',
    family: 'zip',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'XLSX',
    officeMain: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  },
  {
    extension: 'xlsm',
    family: 'zip',
    contentType: 'application/vnd.ms-excel.sheet.macroEnabled.12',
    label: 'XLSM',
    officeMain: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  },
  { extension: 'csv', family: 'text', contentType: 'text/csv', label: 'CSV' },
];

/** "PDF, DOC, DOCX, XLS, XLSX, XLSM or CSV". */
export const ALLOWED_TYPES_TEXT = `${ALLOWED_TYPES.slice(0, -1)
  .map((t) => t.label)
  .join(', ')} or ${ALLOWED_TYPES.at(-1)?.label ?? ''}`;

/** How many leading bytes are looked at before deciding. */
export const SNIFF_BYTES = 8 * 1024;

const SIGNATURES: readonly { family: Exclude<ContentFamily, 'text'>; bytes: readonly number[] }[] = [
  { family: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { family: 'ole2', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { family: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] }, // PK\x03\x04
];

/** Programs, whatever they are named: refused with a message that says so. */
const EXECUTABLE_SIGNATURES: readonly (readonly number[])[] = [
  [0x4d, 0x5a], // MZ: Windows PE
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O 64-bit
  [0xce, 0xfa, 0xed, 0xfe], // Mach-O 32-bit
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal (or Java class)
  [0x23, 0x21], // #! script
];

function startsWith(head: Uint8Array, bytes: readonly number[]): boolean {
  return head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
}

/** The allowed type of a file name's extension, or null. */
export function typeOfName(name: string): AllowedType | null {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  const extension = name.slice(dot + 1).toLowerCase();
  return ALLOWED_TYPES.find((t) => t.extension === extension) ?? null;
}

export type Sniffed =
  { kind: 'family'; family: ContentFamily } | { kind: 'executable' } | { kind: 'unknown' };

/**
 * Recognises content by its first bytes. `complete` says whether `head` is the whole file (otherwise a multi-byte
 * UTF-8 character cut at its end is not held against it). Text is text when it has no NUL byte and is valid UTF-8.
 */
export function sniffContent(head: Uint8Array, complete: boolean): Sniffed {
  if (EXECUTABLE_SIGNATURES.some((s) => startsWith(head, s))) return { kind: 'executable' };
  const signed = SIGNATURES.find((s) => startsWith(head, s.bytes));
  if (signed) return { kind: 'family', family: signed.family };
  if (head.includes(0)) return { kind: 'unknown' };
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    decoder.decode(head, { stream: !complete });
    if (complete) decoder.decode();
  } catch {
    return { kind: 'unknown' };
  }
  return { kind: 'family', family: 'text' };
}

/**
 * Whether text opens like markup — HTML, SVG, XML — which a browser or a viewer might render or run instead of
 * treating it as data: after an optional byte order mark and whitespace, in any case, `<` followed by a letter,
 * `!`, `?` or `/`, which is how HTML's tokenizer recognises the start of a tag (`<html`, `<svg`, `<script`,
 * `<!doctype`, `<!--`, `<?xml`, `</p>`). A CSV file never starts with one.
 */
export function opensLikeMarkup(head: Uint8Array): boolean {
  // Decoding drops a UTF-8 byte order mark; malformed bytes need not stop the look at the opening.
  const text = new TextDecoder('utf-8').decode(head.subarray(0, 1024));
  return /^\s*<[a-z!?/]/i.test(text);
}
