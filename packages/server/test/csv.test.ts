import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvField, csvRecord } from '../src/export/csv';

describe('CSV fields', () => {
  it.each([
    ['plain text', 'MCR-MN-0001-MSHO', 'MCR-MN-0001-MSHO'],
    ['a comma', 'Medicaid, CHIP', '"Medicaid, CHIP"'],
    ['a quote', 'the "base" contract', '"the ""base"" contract"'],
    ['a line break', 'line one\nline two', '"line one\nline two"'],
    ['a CR LF', 'a\r\nb', '"a\r\nb"'],
    ['an empty string', '', ''],
    ['text outside the BMP', 'Ω 🏥', 'Ω 🏥'],
  ])('writes %s as RFC 4180 says', (_name, value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('neutralises a cell a spreadsheet would run as a formula: %j', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('leaves a formula character alone after the first place, and numbers and booleans as they are', () => {
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(-12.5)).toBe('-12.5');
    expect(csvField(0)).toBe('0');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });
});

describe('CSV records', () => {
  it('joins fields with commas and ends with CRLF', () => {
    expect(csvRecord(['MN', 'a, b', null, 3])).toBe('MN,"a, b",,3\r\n');
  });

  it('starts a file with the UTF-8 byte order mark', () => {
    expect(Buffer.from(CSV_BOM, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
