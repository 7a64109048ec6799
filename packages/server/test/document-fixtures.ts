import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import type { DocumentRef, SessionView, UploadedDocumentView } from '@docket/domain';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { ZipFile } from 'yazl';
import { sessionCookieOf, TEST_PASSWORD, type Client, type TestApp } from './helpers';

/** Small but real samples of every accepted type, and a multipart encoder to send them. */

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/** An OLE2 compound file header (what .doc and .xls files are), padded to one 512-byte sector. */
export const OLE2 = Buffer.concat([
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  Buffer.alloc(16),
  Buffer.from([0x3e, 0x00, 0x03, 0x00, 0xfe, 0xff, 0x09, 0x00]),
  Buffer.alloc(512 - 32),
]);

export const CSV = Buffer.from('plan,members,rate\nNorth Star,1200,412.50\nÉtoile – Sud,80,399.00\n');

/** How a test zip is laid out. */
export interface ZipLayout {
  /** Entries with their sizes after their data (general purpose bit 3), as streaming writers and `jar` do. */
  streamed?: boolean;
  /** ZIP64 records and fields even where they are not needed. */
  zip64?: boolean;
  /** Deflate the entries (the default) or store them. */
  compress?: boolean;
  /** A comment at the end of the zip. */
  comment?: string;
}

/** A zip of these entries, in this order. */
export function zipOf(
  entries: readonly [name: string, content: Buffer | string][],
  layout: ZipLayout = {},
): Promise<Buffer> {
  const zip = new ZipFile();
  const options = { compress: layout.compress ?? true, forceZip64Format: layout.zip64 ?? false };
  for (const [name, content] of entries) {
    const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
    if (layout.streamed) zip.addReadStream(Readable.from([bytes]), name, options);
    else zip.addBuffer(bytes, name, options);
  }
  zip.end({ forceZip64Format: layout.zip64 ?? false, comment: layout.comment ?? '' });
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

const PACKAGE_RELATIONSHIPS = 'application/vnd.openxmlformats-package.relationships+xml';

/** What each Office Open XML type's main part is called and declared as. */
const OFFICE_MAIN = {
  docx: {
    part: 'word/document.xml',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    xml:
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      '<w:body><w:p><w:r><w:t>Base contract</w:t></w:r></w:p></w:body></w:document>',
  },
  xlsx: {
    part: 'xl/workbook.xml',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
    xml:
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<sheets><sheet name="Rates" sheetId="1" r:id="rId1"/></sheets></workbook>',
  },
  xlsm: {
    part: 'xl/workbook.xml',
    contentType: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
    xml:
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<sheets><sheet name="Rates" sheetId="1" r:id="rId1"/></sheets></workbook>',
  },
} as const;

export type OfficeKind = keyof typeof OFFICE_MAIN;

/** How a test Office file is made, besides its zip layout. */
export interface OfficeLayout extends ZipLayout {
  /** `[Content_Types].xml` as the last entry rather than the first (some writers put it there). */
  contentTypesLast?: boolean;
  /** Other parts (pictures, say), after the main part. */
  extraParts?: [name: string, content: Buffer][];
}

/** The `[Content_Types].xml` of an Office file of this kind. */
export function officeContentTypes(kind: OfficeKind): string {
  const main = OFFICE_MAIN[kind];
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    `<Default Extension="rels" ContentType="${PACKAGE_RELATIONSHIPS}"/>` +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>' +
    `<Override PartName="/${main.part}" ContentType="${main.contentType}"/>` +
    '</Types>'
  );
}

/**
 * A small but structurally whole Office Open XML file: `[Content_Types].xml`, the package relationships, the
 * main part of its kind (a Word document, a workbook, a macro-enabled workbook with its VBA project).
 */
export function officeFile(kind: OfficeKind, layout: OfficeLayout = {}): Promise<Buffer> {
  const main = OFFICE_MAIN[kind];
  const contentTypes = officeContentTypes(kind);
  const relationships =
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/' +
    `officeDocument" Target="${main.part}"/></Relationships>`;
  const parts: [string, Buffer | string][] = [
    ['_rels/.rels', relationships],
    [main.part, main.xml],
    ...(kind === 'xlsm' ? [['xl/vbaProject.bin', OLE2] as [string, Buffer]] : []),
    ...(layout.extraParts ?? []),
  ];
  const manifest: [string, string] = ['[Content_Types].xml', contentTypes];
  return zipOf(layout.contentTypesLast ? [...parts, manifest] : [manifest, ...parts], layout);
}

/** The start of a Linux program. */
export const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01]), Buffer.alloc(57)]);
/** The start of a Windows program. */
export const MZ = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(62),
  Buffer.from('This program cannot be run'),
]);

export interface Part {
  field: string;
  /** Absent for a plain field. */
  filename?: string;
  content: Buffer | string;
  contentType?: string;
}

export interface Multipart {
  boundary: string;
  contentType: string;
  /** Everything up to the file's bytes, the bytes, and the rest. */
  body: Buffer;
}

function quoted(value: string): string {
  // As browsers do: only the quote and line breaks are escaped.
  return value.replace(/["\r\n]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A multipart/form-data body, byte for byte. */
export function multipart(parts: readonly Part[]): Multipart {
  const boundary = `----docket-test-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      part.filename === undefined
        ? `form-data; name="${part.field}"`
        : `form-data; name="${part.field}"; filename="${quoted(part.filename)}"`;
    const type =
      part.filename === undefined
        ? ''
        : `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { boundary, contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

/** Sends one file in the field `file`. */
export function sendFile(
  client: Client,
  filename: string,
  content: Buffer | string,
): Promise<LightMyRequestResponse> {
  const form = multipart([{ field: 'file', filename, content }]);
  return client.raw('POST', '/api/documents', form.body, form.contentType);
}

/** Uploads one file and returns the stored document, failing the test otherwise. */
export async function upload(
  client: Client,
  filename: string,
  content: Buffer | string,
): Promise<DocumentRef> {
  const response = await sendFile(client, filename, content);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<UploadedDocumentView>().document;
}

/** The id a download URL carries: the uuid of the document's blob key. */
export function documentIdOf(document: Pick<DocumentRef, 'blobKey'>): string {
  return document.blobKey.slice('documents/'.length);
}

/** Every file under a folder (temporary files included), relative to it, sorted. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** A new state user's session cookie and CSRF token, for requests made without the test client. */
export async function rawLogin(t: TestApp, state = 'MN'): Promise<{ cookie: string; csrfToken: string }> {
  const email = await t.createUser('STATE_USER', { state });
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: TEST_PASSWORD },
  });
  return { cookie: sessionCookieOf(login), csrfToken: login.json<SessionView>().csrfToken };
}
