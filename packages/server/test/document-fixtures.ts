import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
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

/** A zip with the one part every Office Open XML file has (what .docx, .xlsx and .xlsm files are). */
export function officeZip(): Promise<Buffer> {
  const zip = new ZipFile();
  zip.addBuffer(
    Buffer.from(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ),
    '[Content_Types].xml',
  );
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
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
