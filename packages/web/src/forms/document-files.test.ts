import { describe, expect, it } from 'vitest';
import {
  ALLOWED_TYPES_TEXT,
  documentIdOf,
  formatFileSize,
  hasAllowedExtension,
  screenFiles,
} from './document-files';

describe('screenFiles', () => {
  it('refuses other types and names already in the list or earlier in the same choice', () => {
    const verdicts = screenFiles(
      [
        { name: 'contract.pdf' },
        { name: 'Rates.XLSX' },
        { name: 'notes.txt' },
        { name: 'rates.xlsx' },
        { name: 'b.csv' },
      ],
      ['Contract.pdf '],
    );
    expect(verdicts.map((v) => v.refusal === null)).toEqual([false, true, false, false, true]);
    expect(verdicts[0]?.refusal).toMatch(/already in this list/);
    expect(verdicts[2]?.refusal).toMatch(/not a file type/);
    expect(verdicts[3]?.refusal).toMatch(/already in this list/);
  });

  it('knows the allowed extensions, whatever their case', () => {
    expect(
      ['a.PDF', 'a.doc', 'a.docx', 'a.xls', 'a.xlsx', 'a.XLSM', 'a.csv'].every(hasAllowedExtension),
    ).toBe(true);
    expect(['a.txt', 'pdf', 'a.pdf.exe', 'a.'].some(hasAllowedExtension)).toBe(false);
    expect(ALLOWED_TYPES_TEXT).toBe('PDF, DOC, DOCX, XLS, XLSX, XLSM or CSV');
  });
});

describe('formatFileSize', () => {
  it.each([
    [1, '1 byte'],
    [999, '999 bytes'],
    [1000, '1.0 KB'],
    [15_300, '15 KB'],
    [2_500_000, '2.5 MB'],
    [250_000_000, '250 MB'],
  ])('writes %d as %s', (bytes, text) => {
    expect(formatFileSize(bytes)).toBe(text);
  });
});

describe('documentIdOf', () => {
  it('is the blob key without the documents folder', () => {
    expect(documentIdOf({ blobKey: 'documents/0192-abc' })).toBe('0192-abc');
    expect(documentIdOf({ blobKey: 'other/key' })).toBe('other/key');
  });
});
