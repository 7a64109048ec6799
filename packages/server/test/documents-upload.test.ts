import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { UploadedDocumentView } from '@docket/domain';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUploadReceipts } from '../src/documents/upload-receipts';
import {
  CSV,
  ELF,
  filesUnder,
  multipart,
  MZ,
  officeContentTypes,
  officeFile,
  OLE2,
  PDF,
  rawLogin,
  sendFile,
  sha256,
  zipOf,
} from './document-fixtures';
import { expectProblem, startTestApp, TEST_SECRET, type TestApp, type UserClient } from './helpers';

const MAX_BYTES = 64 * 1024;
const ALLOWED = 'PDF, DOC, DOCX, XLS, XLSX, XLSM or CSV';

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

describe('POST /api/documents accepts every allowed type', () => {
  const office = new Map<string, Buffer>();
  beforeAll(async () => {
    for (const kind of ['docx', 'xlsx', 'xlsm'] as const) office.set(kind, await officeFile(kind));
  });
  const officeOf = (kind: string) => () => office.get(kind) ?? Buffer.alloc(0);

  const cases: [string, () => Buffer, string][] = [
    ['Contract 2026.pdf', () => PDF, 'application/pdf'],
    ['amendment.doc', () => OLE2, 'application/msword'],
    [
      'amendment.docx',
      officeOf('docx'),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['rates.xls', () => OLE2, 'application/vnd.ms-excel'],
    ['rates.xlsx', officeOf('xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['rates.XLSM', officeOf('xlsm'), 'application/vnd.ms-excel.sheet.macroEnabled.12'],
    ['enrollment.csv', () => CSV, 'text/csv'],
  ];
  for (const [name, content, contentType] of cases) {
    it(`stores ${name} as ${contentType}, with its size, hash and a receipt`, async () => {
      const bytes = content();
      const response = await sendFile(mn, name, bytes);
      expect(response.statusCode, response.body).toBe(201);
      const { document } = response.json<UploadedDocumentView>();
      expect(document).toMatchObject({
        name,
        size: bytes.length,
        sha256: sha256(bytes),
        contentType,
        uploadedBy: mn.session.user.id,
      });
      expect(document.blobKey).toMatch(
        /^documents\/[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
      expect(Math.abs(Date.parse(document.uploadedAt) - Date.now())).toBeLessThan(60_000);
      expect(createUploadReceipts(TEST_SECRET).verify(document, 'MN')).toBe('valid');
      expect(createUploadReceipts(TEST_SECRET).verify(document, 'WI')).toBe('invalid');
      expect(await readFile(join(blobDir, ...document.blobKey.split('/')))).toEqual(bytes);
    });
  }

  it('accepts Office files however their zip is laid out', async () => {
    const layouts: [string, Promise<Buffer>][] = [
      ['streamed.docx', officeFile('docx', { streamed: true })],
      ['manifest-last.xlsx', officeFile('xlsx', { contentTypesLast: true, compress: false })],
      ['zip64.xlsm', officeFile('xlsm', { zip64: true, streamed: true, comment: 'made by a test' })],
      [
        'pictures.docx',
        officeFile('docx', { extraParts: [['word/media/image1.png', randomBytes(40 * 1024)]] }),
      ],
    ];
    for (const [name, made] of layouts) {
      const bytes = await made;
      const response = await sendFile(mn, name, bytes);
      expect(response.statusCode, `${name}: ${response.body}`).toBe(201);
      const { document } = response.json<UploadedDocumentView>();
      expect(await readFile(join(blobDir, ...document.blobKey.split('/')))).toEqual(bytes);
    }
  });

  it('records the type from the extension, whatever the client claims', async () => {
    const form = multipart([
      { field: 'file', filename: 'notes.csv', content: CSV, contentType: 'application/x-evil' },
    ]);
    const response = await mn.raw('POST', '/api/documents', form.body, form.contentType);
    expect(response.json<UploadedDocumentView>().document.contentType).toBe('text/csv');
  });

  it('keeps only the base name, trimmed, in Unicode', async () => {
    const windows = await sendFile(mn, '  Résumé – plan (final).pdf ', PDF);
    expect(windows.json<UploadedDocumentView>().document.name).toBe('Résumé – plan (final).pdf');
    const form = multipart([
      { field: 'file', filename: 'C:\\Users\\sam\\Desktop\\report.pdf', content: PDF },
    ]);
    const path = await mn.raw('POST', '/api/documents', form.body, form.contentType);
    expect(path.json<UploadedDocumentView>().document.name).toBe('report.pdf');
  });

  it('accepts a file of exactly the limit, and a CSV whose first bytes cut a character in two', async () => {
    const limit = Buffer.alloc(MAX_BYTES, 'a');
    PDF.copy(limit);
    expect((await sendFile(mn, 'big.pdf', limit)).statusCode).toBe(201);
    // 8191 ASCII bytes, then a two-byte character across the 8 KB the type check looks at.
    const csv = Buffer.concat([Buffer.alloc(8191, 'x'), Buffer.from('é,1\n')]);
    expect((await sendFile(mn, 'wide.csv', csv)).statusCode).toBe(201);
  });
});

describe('POST /api/documents refuses, storing nothing', () => {
  beforeEach(async () => {
    await rm(join(blobDir, 'documents'), { recursive: true, force: true });
  });

  async function expectNoBlob(): Promise<void> {
    // Temporary files included: a refused upload leaves nothing anywhere in the store's folder.
    expect(await filesUnder(blobDir)).toEqual([]);
  }

  it('a program renamed .pdf (ELF and MZ), with 415 naming the allowed types', async () => {
    for (const program of [ELF, MZ]) {
      const problem = expectProblem(await sendFile(mn, 'invoice.pdf', program), 415, 'UNSUPPORTED_FILE_TYPE');
      expect(problem.detail).toContain('invoice.pdf is a program, not a document');
      expect(problem.detail).toContain(ALLOWED);
      await expectNoBlob();
    }
  });

  it('a file whose extension is not allowed, even with harmless content', async () => {
    const problem = expectProblem(
      await sendFile(mn, 'setup.exe', 'just some text'),
      415,
      'UNSUPPORTED_FILE_TYPE',
    );
    expect(problem.detail).toContain(ALLOWED);
    expectProblem(await sendFile(mn, 'no-extension', PDF), 415, 'UNSUPPORTED_FILE_TYPE');
    await expectNoBlob();
  });

  it('content that does not match the extension', async () => {
    const problem = expectProblem(await sendFile(mn, 'report.docx', PDF), 415, 'UNSUPPORTED_FILE_TYPE');
    expect(problem.detail).toContain('is not a DOCX file');
    expectProblem(await sendFile(mn, 'sheet.xls', await officeFile('xlsx')), 415, 'UNSUPPORTED_FILE_TYPE');
    expectProblem(
      await sendFile(mn, 'data.csv', Buffer.from([0x41, 0x00, 0x42])),
      415,
      'UNSUPPORTED_FILE_TYPE',
    );
    expectProblem(
      await sendFile(mn, 'latin1.csv', Buffer.from([0x63, 0x61, 0x66, 0xe9])),
      415,
      'UNSUPPORTED_FILE_TYPE',
    );
    // A refusal past the first 8 KB still stores nothing: the check looks at the start before anything is stored.
    const longFake = Buffer.concat([ELF, Buffer.alloc(40 * 1024)]);
    expectProblem(await sendFile(mn, 'long.pdf', longFake), 415, 'UNSUPPORTED_FILE_TYPE');
    await expectNoBlob();
  });

  it('a CSV that is HTML, SVG or XML, whatever its case, after a byte order mark and whitespace', async () => {
    const markup = [
      '<!DOCTYPE html><html><body>hi</body></html>',
      '\uFEFF  <HTML><script>alert(1)</script></HTML>',
      '\r\n\t<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      '<?xml version="1.0"?><a/>',
      '<Script>alert(1)</Script>,b\n',
      ' <!-- a comment -->',
      '<p>a,b</p>',
    ];
    for (const content of markup) {
      const problem = expectProblem(await sendFile(mn, 'page.csv', content), 415, 'UNSUPPORTED_FILE_TYPE');
      expect(problem.detail).toContain('The content of page.csv is HTML, SVG or XML, not CSV');
    }
    await expectNoBlob();
    // Data that merely starts with a less-than sign is still CSV.
    expect((await sendFile(mn, 'ranges.csv', '<5 years,< 18,=1\n1,2,3\n')).statusCode).toBe(201);
  });

  it('a zip that is not the Office document its name says: a JAR, an ODT, a plain zip, another Office type', async () => {
    const jar = await zipOf(
      [
        ['META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\r\nMain-Class: Invoice\r\n'],
        ['Invoice.class', Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 0x3d])],
      ],
      { streamed: true },
    );
    const odt = await zipOf(
      [
        ['mimetype', 'application/vnd.oasis.opendocument.text'],
        ['content.xml', '<office:document-content/>'],
        ['META-INF/manifest.xml', '<manifest:manifest/>'],
      ],
      { compress: false },
    );
    const plain = await zipOf([['notes.txt', 'hello']]);
    const refusals: [string, Buffer, string][] = [
      ['contract.docx', jar, 'it is a zip archive without [Content_Types].xml'],
      ['contract.docx', odt, 'it is a zip archive without [Content_Types].xml'],
      ['rates.xlsx', plain, 'it is a zip archive without [Content_Types].xml'],
      ['rates.xlsx', await officeFile('docx'), 'it is a DOCX file'],
      ['rates.xlsm', await officeFile('xlsx'), 'it is a XLSX file'],
      ['rates.xlsx', await officeFile('xlsm'), 'it is a XLSM file'],
    ];
    for (const [name, content, reason] of refusals) {
      const problem = expectProblem(await sendFile(mn, name, content), 415, 'UNSUPPORTED_FILE_TYPE');
      const label = name.slice(name.lastIndexOf('.') + 1).toUpperCase();
      expect(problem.detail).toContain(
        `The content of ${name} is not a ${label} file, as its name says: ${reason}`,
      );
    }
    await expectNoBlob();
  });

  it('an Office file without its main part, cut short, or refused only at its end, far past the first bytes', async () => {
    const whole = await officeFile('docx');
    const withoutMain = await zipOf([
      ['[Content_Types].xml', officeContentTypes('docx')],
      ['_rels/.rels', '<Relationships/>'],
    ]);
    expect(
      expectProblem(await sendFile(mn, 'a.docx', withoutMain), 415, 'UNSUPPORTED_FILE_TYPE').detail,
    ).toContain('its main part word/document.xml is missing');
    expect(
      expectProblem(
        await sendFile(mn, 'b.docx', whole.subarray(0, whole.length - 30)),
        415,
        'UNSUPPORTED_FILE_TYPE',
      ).detail,
    ).toContain('it has no zip directory at its end');
    // 40 KB of class files: the first bytes pass and are being stored when the end of the zip refuses it.
    const bigJar = await zipOf(
      [
        ['META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\r\n'],
        ['lib/Big.class', randomBytes(40 * 1024)],
      ],
      { compress: false },
    );
    expectProblem(await sendFile(mn, 'big.docx', bigJar), 415, 'UNSUPPORTED_FILE_TYPE');
    await expectNoBlob();
  });

  it('an empty file, with 422', async () => {
    const problem = expectProblem(await sendFile(mn, 'empty.pdf', Buffer.alloc(0)), 422, 'EMPTY_FILE');
    expect(problem.detail).toContain('empty.pdf is empty');
    await expectNoBlob();
  });

  it('a file over the limit, with 413 naming the limit in MB', async () => {
    const over = Buffer.alloc(MAX_BYTES + 1, 'a');
    PDF.copy(over);
    const problem = expectProblem(await sendFile(mn, 'big.pdf', over), 413, 'TOO_LARGE');
    expect(problem.detail).toBe('The file is larger than the limit of 0.0625 MB');
    const far = Buffer.alloc(MAX_BYTES * 4, 'a');
    PDF.copy(far);
    expectProblem(await sendFile(mn, 'bigger.pdf', far), 413, 'TOO_LARGE');
    await expectNoBlob();
  });

  it('a body that ends in the middle of the file, with 400', async () => {
    const bytes = Buffer.alloc(30 * 1024, 'a');
    PDF.copy(bytes);
    const form = multipart([{ field: 'file', filename: 'cut.pdf', content: bytes }]);
    const cut = form.body.subarray(0, form.body.length - 10 * 1024);
    const problem = expectProblem(
      await mn.raw('POST', '/api/documents', cut, form.contentType),
      400,
      'INCOMPLETE_UPLOAD',
    );
    expect(problem.detail).toMatch(/ended before the whole file arrived/);
    await expectNoBlob();
  });

  it('an upload whose connection closes mid-file', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const bytes = Buffer.alloc(200 * 1024, 'a');
    PDF.copy(bytes);
    const form = multipart([{ field: 'file', filename: 'dropped.pdf', content: bytes }]);
    const { cookie, csrfToken } = await rawLogin(t);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\n` +
        `X-CSRF-Token: ${csrfToken}\r\nContent-Type: ${form.contentType}\r\n` +
        `Content-Length: ${form.body.length}\r\n\r\n`,
    );
    socket.write(form.body.subarray(0, 50 * 1024));
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.destroy();
    // The server notices, stops the put and removes its temporary file.
    const deadline = Date.now() + 5000;
    while ((await filesUnder(blobDir)).length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await expectNoBlob();
    // And keeps serving.
    expect((await sendFile(mn, 'after.pdf', PDF)).statusCode).toBe(201);
  });

  it('a request without a file in the field "file", with 400', async () => {
    const fieldOnly = multipart([{ field: 'note', content: 'hello' }]);
    expectProblem(
      await mn.raw('POST', '/api/documents', fieldOnly.body, fieldOnly.contentType),
      400,
      'MISSING_FILE',
    );
    const otherField = multipart([{ field: 'document', filename: 'a.pdf', content: PDF }]);
    const problem = expectProblem(
      await mn.raw('POST', '/api/documents', otherField.body, otherField.contentType),
      400,
      'MISSING_FILE',
    );
    expect(problem.detail).toContain('"file"');
    const empty = multipart([]);
    expectProblem(await mn.raw('POST', '/api/documents', empty.body, empty.contentType), 400, 'MISSING_FILE');
    expectProblem(await mn.post('/api/documents', { file: 'a.pdf' }), 400, 'MISSING_FILE');
    expectProblem(await mn.raw('POST', '/api/documents', PDF, 'application/pdf'), 400, 'MISSING_FILE');
    await expectNoBlob();
  });

  it('a body that is not a multipart form, with 400', async () => {
    for (const contentType of ['multipart/form-data; boundary=nothing-here', 'multipart/form-data']) {
      expectProblem(await mn.raw('POST', '/api/documents', 'garbage', contentType), 400, 'MALFORMED_FORM');
    }
    await expectNoBlob();
  });

  it('a second file, or a pile of fields, with 400, even once the first file is stored', async () => {
    const two = multipart([
      { field: 'file', filename: 'one.pdf', content: PDF },
      { field: 'file', filename: 'two.pdf', content: PDF },
    ]);
    const problem = expectProblem(
      await mn.raw('POST', '/api/documents', two.body, two.contentType),
      400,
      'TOO_MANY_PARTS',
    );
    expect(problem.detail).toContain('one file');
    const many = multipart(Array.from({ length: 10 }, (_, i) => ({ field: `f${i}`, content: 'x' })));
    expectProblem(await mn.raw('POST', '/api/documents', many.body, many.contentType), 400, 'TOO_MANY_PARTS');
    await expectNoBlob();
  });

  it('a form that breaks off after the whole file, with 400', async () => {
    const form = multipart([
      { field: 'file', filename: 'whole.pdf', content: PDF },
      { field: 'note', content: 'x'.repeat(500) },
    ]);
    const cut = form.body.subarray(0, form.body.length - 300);
    expectProblem(await mn.raw('POST', '/api/documents', cut, form.contentType), 400, 'INCOMPLETE_UPLOAD');
    await expectNoBlob();
  });

  it('a file name with control characters, or too long, with 422', async () => {
    const problem = expectProblem(await sendFile(mn, 'bad\u0007name.pdf', PDF), 422, 'INVALID_FILE_NAME');
    expect(problem.issues?.[0]?.path).toEqual(['file', 'name']);
    expectProblem(await sendFile(mn, 'evil\u202Efdp.exe', PDF), 422, 'INVALID_FILE_NAME');
    expectProblem(await sendFile(mn, `${'n'.repeat(252)}.pdf`, PDF), 422, 'INVALID_FILE_NAME');
    expect((await sendFile(mn, `${'n'.repeat(251)}.pdf`, PDF)).statusCode).toBe(201);
    await rm(join(blobDir, 'documents'), { recursive: true, force: true });
    expectProblem(await sendFile(mn, '   ', PDF), 422, 'INVALID_FILE_NAME');
    await expectNoBlob();
  });

  it('a CMS user, with 403', async () => {
    const cms = await t.loginAs('CMS_USER', { division: 'DMCO' });
    const problem = expectProblem(await sendFile(cms, 'cms.pdf', PDF), 403, 'FORBIDDEN');
    expect(problem.detail).toBe('Only state users upload documents');
    const admin = await t.loginAs('ADMIN');
    expectProblem(await sendFile(admin, 'admin.pdf', PDF), 403, 'FORBIDDEN');
    await expectNoBlob();
  });

  it('a request without the CSRF token, with 403, or without a session, with 401', async () => {
    const form = multipart([{ field: 'file', filename: 'csrf.pdf', content: PDF }]);
    const { cookie } = await rawLogin(t);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/documents',
      payload: form.body,
      headers: { cookie, 'content-type': form.contentType },
    });
    expectProblem(response, 403, 'CSRF_FAILED');
    expectProblem(
      await t.anonymous.raw('POST', '/api/documents', form.body, form.contentType),
      401,
      'UNAUTHENTICATED',
    );
    await expectNoBlob();
  });
});
