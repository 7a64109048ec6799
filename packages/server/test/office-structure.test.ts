import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ALLOWED_TYPES } from '../src/documents/file-types';
import { OfficeStructureCheck } from '../src/documents/office-structure';
import { DIRECTORY_TAIL_BYTES } from '../src/documents/zip-directory';
import { officeContentTypes, officeFile, zipOf, type OfficeKind } from './document-fixtures';

/** What the check says of `bytes` as a file of `kind`, fed in chunks of `chunkBytes`. */
function check(kind: OfficeKind, bytes: Buffer, chunkBytes = 64 * 1024): string | null {
  const type = ALLOWED_TYPES.find((t) => t.extension === kind);
  if (type?.officeMain === undefined) throw new Error(`${kind} is no Office type`);
  const structure = new OfficeStructureCheck({ ...type, officeMain: type.officeMain });
  for (let at = 0; at < bytes.length; at += chunkBytes) structure.write(bytes.subarray(at, at + chunkBytes));
  return structure.finish();
}

describe('the Office structure check', () => {
  it('finds the parts whatever the chunks, even one byte at a time', async () => {
    for (const kind of ['docx', 'xlsx', 'xlsm'] as const) {
      const bytes = await officeFile(kind, { streamed: true });
      for (const chunkBytes of [1, 7, 46, 1000, 64 * 1024]) expect(check(kind, bytes, chunkBytes)).toBeNull();
    }
  });

  it('reads a directory at the end of a file larger than what it keeps of it, behind the longest comment', async () => {
    const pictures: [string, Buffer][] = [
      ['word/media/image1.jpeg', randomBytes(DIRECTORY_TAIL_BYTES + 5000)],
    ];
    const big = await officeFile('docx', {
      extraParts: pictures,
      compress: false,
      comment: 'c'.repeat(0xffff),
    });
    expect(big.length).toBeGreaterThan(DIRECTORY_TAIL_BYTES);
    expect(check('docx', big)).toBeNull();
    expect(check('docx', big, 777)).toBeNull();
    // One chunk longer than all that is kept.
    expect(check('docx', big, big.length)).toBeNull();
    const last = await officeFile('xlsx', { extraParts: pictures, contentTypesLast: true, zip64: true });
    expect(check('xlsx', last)).toBeNull();
  });

  it('takes the [Content_Types].xml the directory names, not one of a package stored inside', async () => {
    const inner = await officeFile('docx', { compress: false });
    const workbook = await officeFile('xlsx', {
      compress: false,
      extraParts: [['xl/embeddings/Microsoft_Word_Document.docx', inner]],
    });
    expect(check('xlsx', workbook)).toBeNull();
    // A plain zip holding a document is not that document.
    const wrapper = await zipOf([['contract.docx', inner]], { compress: false });
    expect(check('docx', wrapper)).toBe('it is a zip archive without [Content_Types].xml');
  });

  it('refuses a main part declared only in a comment, or under another type', async () => {
    const commented = officeContentTypes('docx').replace(/<Override[^>]*>/, (o) => `<!--${o}-->`);
    const parts: [string, string][] = [['word/document.xml', '<w:document/>']];
    expect(check('docx', await zipOf([['[Content_Types].xml', commented], ...parts]))).toBe(
      'it declares no main part of a DOCX file',
    );
    expect(check('docx', await officeFile('xlsx'))).toBe('it is a XLSX file');
    // Part names and media types are compared without regard to case.
    const shouted = officeContentTypes('docx')
      .replace('/word/document.xml', '/WORD/Document.XML')
      .replace(/wordprocessingml\.document\.main\+xml/, (type) => type.toUpperCase());
    expect(check('docx', await zipOf([['[Content_Types].xml', shouted], ...parts]))).toBeNull();
  });

  it('refuses a [Content_Types].xml whose bytes do not match their checksum', async () => {
    const bytes = await officeFile('docx', { compress: false });
    const at = bytes.indexOf('<Types');
    bytes[at + 1] = 'X'.charCodeAt(0);
    expect(check('docx', bytes)).toBe('its [Content_Types].xml cannot be read');
  });

  it('refuses what is not a whole zip', async () => {
    const bytes = await officeFile('docx');
    expect(check('docx', bytes.subarray(0, bytes.length - 1))).toBe('it has no zip directory at its end');
    expect(check('docx', Buffer.from('PK\x03\x04 and nothing else'))).toBe(
      'it has no zip directory at its end',
    );
    const moved = Buffer.concat([bytes.subarray(0, 100), Buffer.alloc(10), bytes.subarray(100)]);
    expect(check('docx', moved)).toBe('its zip directory is damaged');
  });

  it('answers a reason or null, never throws, whatever bytes of a document are changed or cut', async () => {
    const whole = await officeFile('docx', { zip64: true });
    // A fixed sequence of pseudo-random numbers (a linear congruential generator), so a failure can be replayed.
    let seed = 8;
    const next = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % below;
    };
    const reasons = new Set<string | null>();
    for (let round = 0; round < 3000; round += 1) {
      const bytes = Buffer.from(whole);
      for (let change = 1 + next(4); change > 0; change -= 1) {
        // The bytes that matter most are the headers: every other change lands in the last 200 bytes.
        const at = change % 2 === 0 ? bytes.length - 1 - next(200) : next(bytes.length);
        bytes[at] = next(256);
      }
      const cut = next(10) === 0 ? bytes.subarray(0, next(bytes.length)) : bytes;
      const reason = check('docx', cut, 1 + next(300));
      expect(reason === null || typeof reason === 'string').toBe(true);
      reasons.add(reason);
    }
    // The changes reached the directory, not only bytes nobody reads.
    expect(reasons).toContain('its zip directory is damaged');
    expect(reasons.size).toBeGreaterThan(3);
  });
});
