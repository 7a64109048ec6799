import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { filesUnder, officeContentTypes, sendFile } from './document-fixtures';
import { expectProblem, startTestApp, type TestApp, type UserClient } from './helpers';
import { craftZip, zip64Extra, type CraftedEntry } from './hostile-zips';

/**
 * Crafted Office uploads through the real upload route: whatever a zip lies about, the answer is a clear refusal
 * (problem+json, 4xx), nothing is stored, and the check's work grows with the file, not faster.
 */

const MAX_BYTES = 8 * 1024 * 1024;

let t: TestApp;
let mn: UserClient;
let blobDir: string;
beforeAll(async () => {
  t = await startTestApp({ maxUploadBytes: MAX_BYTES });
  mn = await t.loginAs('STATE_USER', { state: 'MN' });
  blobDir = t.blobDir ?? '';
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await rm(join(blobDir, 'documents'), { recursive: true, force: true });
});

const MAIN: CraftedEntry = { name: 'word/document.xml', content: '<w:document/>', deflate: true };

/** A DOCX whose `[Content_Types].xml` is this text (deflated), with the other entries given or its main part. */
function docxWith(contentTypes: string | Buffer, entry: Partial<CraftedEntry> = {}): Buffer {
  return craftZip([{ name: '[Content_Types].xml', content: contentTypes, deflate: true, ...entry }, MAIN]);
}

/** Uploads `bytes` as `name` and expects a refusal with this status and code, whose detail says `reason`. */
async function expectRefused(name: string, bytes: Buffer, reason: string | RegExp): Promise<void> {
  const problem = expectProblem(await sendFile(mn, name, bytes), 415, 'UNSUPPORTED_FILE_TYPE');
  expect(problem.detail).toMatch(reason);
  // Temporary files included: nothing is left in the store's folder.
  expect(await filesUnder(blobDir)).toEqual([]);
}

describe('a crafted DOCX is refused with 415, storing nothing', () => {
  it('the crafted zip passes when it tells the truth', async () => {
    const response = await sendFile(mn, 'honest.docx', docxWith(officeContentTypes('docx')));
    expect(response.statusCode, response.body).toBe(201);
  });

  it('a [Content_Types].xml larger than 256 KiB, however well it compresses', async () => {
    const padded = officeContentTypes('docx').replace('<Types', `${' '.repeat(256 * 1024)}<Types`);
    await expectRefused('big.docx', docxWith(padded), /its \[Content_Types\]\.xml is larger than 256 KiB/);
    // A directory that understates the size does not get a larger one through: inflating stops at the cap.
    const bomb = Buffer.alloc(5 * 1024 * 1024, ' ');
    await expectRefused(
      'bomb.docx',
      docxWith(bomb, { central: { uncompressedSize: 1000 } }),
      /\[Content_Types\]\.xml/,
    );
  });

  it('a [Content_Types].xml made to cost a pattern matcher quadratic time', async () => {
    const size = 250 * 1024;
    const main = '<Override PartName="/word/document.xml" ContentType="x"/>';
    const pathological = [
      // Comments that never end.
      `<Types>${'<!--'.repeat(size / 4)}`,
      // Elements that never end.
      `<Types>${main}${'<Override '.repeat(size / 10)}`,
      // One endless attribute name.
      `<Types><Override ${'a'.repeat(size)}`,
      // An endless run of names without values.
      `<Types><Override ${'a '.repeat(size / 2)}/></Types>`,
    ];
    for (const xml of pathological) {
      await expectRefused('slow.docx', docxWith(xml), /its \[Content_Types\]\.xml/);
    }
  });

  it('a [Content_Types].xml that is not XML, or declares a document type', async () => {
    const refusals = [
      '<Types><Override PartName="/word/document.xml"',
      '<Types><Override PartName=/word/document.xml ContentType="a"/></Types>',
      '<!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa">]><Types/>',
      '\u0000\u0001',
    ];
    for (const xml of refusals) await expectRefused('bad.docx', docxWith(xml), /its \[Content_Types\]\.xml/);
  });

  it('a ZIP64 extra field that claims more bytes than the entry has', async () => {
    const bytes = craftZip([
      {
        name: '[Content_Types].xml',
        content: officeContentTypes('docx'),
        central: { uncompressedSize: 0xffffffff, compressedSize: 0xffffffff, extra: zip64Extra([10], 24) },
      },
      MAIN,
    ]);
    await expectRefused('zip64.docx', bytes, /its zip directory is damaged/);
  });

  it('a directory cut short, or placed where it is not', async () => {
    const entries: CraftedEntry[] = [
      { name: '[Content_Types].xml', content: officeContentTypes('docx') },
      MAIN,
    ];
    await expectRefused(
      'cut.docx',
      craftZip(entries, { directoryBytes: 60 }),
      /its zip directory is damaged/,
    );
    await expectRefused(
      'far.docx',
      craftZip(entries, { offset: 0xfffffff0 }),
      /its zip directory is damaged/,
    );
    await expectRefused('few.docx', craftZip(entries, { entries: 1 }), /its zip directory is damaged/);
    // ZIP64 deferral without its records.
    await expectRefused(
      'deferred.docx',
      craftZip(entries, { entries: 0xffff }),
      /its zip directory is damaged/,
    );
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(Number.MAX_SAFE_INTEGER) + 10n, 8);
    await expectRefused(
      'locator.docx',
      craftZip(entries, { entries: 0xffff, beforeEnd: locator }),
      /its zip directory is damaged/,
    );
  });

  it('headers that lie about sizes, method or encryption', async () => {
    const xml = officeContentTypes('docx');
    const lies: [string, Partial<CraftedEntry>][] = [
      ['short-local.docx', { local: { compressedSize: 10 } }],
      ['long-central.docx', { central: { compressedSize: 200_000 } }],
      ['huge-central.docx', { central: { compressedSize: 0xfffffff0, uncompressedSize: 100 } }],
      ['wrong-size.docx', { central: { uncompressedSize: 10 } }],
      ['method.docx', { local: { method: 12 }, central: { method: 12 } }],
      ['encrypted.docx', { local: { flags: 1 }, central: { flags: 1 } }],
      ['elsewhere.docx', { central: { localHeaderOffset: 5 } }],
    ];
    for (const [name, lie] of lies) await expectRefused(name, docxWith(xml, lie), /\[Content_Types\]\.xml/);
  });

  it('a data descriptor that hides the size is read, a second [Content_Types].xml in the directory is refused', async () => {
    const xml = officeContentTypes('docx');
    const deferred: CraftedEntry = {
      name: '[Content_Types].xml',
      content: xml,
      deflate: true,
      // The local header defers its sizes to a descriptor after the data; the directory has them.
      local: { flags: 8, compressedSize: 0, uncompressedSize: 0, crc32: 0 },
      central: { flags: 8 },
      trailer: Buffer.alloc(16),
    };
    const streamed = await sendFile(mn, 'streamed.docx', craftZip([deferred, MAIN]));
    expect(streamed.statusCode, streamed.body).toBe(201);
    await rm(join(blobDir, 'documents'), { recursive: true, force: true });
    // Which of two would another reader take? Neither: the package is ambiguous.
    const decoy = craftZip([
      deferred,
      { name: '[Content_Types].XML', content: officeContentTypes('xlsx') },
      MAIN,
    ]);
    await expectRefused('decoy.docx', decoy, /it holds \[Content_Types\]\.xml more than once/);
  });

  it('more entries than a document has, and many local headers named like the manifest', async () => {
    const many: CraftedEntry[] = Array.from({ length: 25_000 }, (_, i) => ({ name: `p/${i}`, content: '' }));
    await expectRefused(
      'many.docx',
      craftZip([{ name: '[Content_Types].xml', content: officeContentTypes('docx') }, MAIN, ...many]),
      /it lists more entries than a document has/,
    );
    const decoys: CraftedEntry[] = Array.from({ length: 2000 }, () => ({
      name: '[Content_Types].xml',
      content: deflateRawSync(Buffer.alloc(1000)),
    }));
    const crowded = craftZip([
      ...decoys,
      { name: '[Content_Types].xml', content: officeContentTypes('docx') },
      MAIN,
    ]);
    await expectRefused('crowded.docx', crowded, /\[Content_Types\]\.xml/);
  });
});
