import { rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { newId, type ContractView, type DocumentRef } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseDisposition } from 'content-disposition';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { archivePaths } from '../src/documents/documents-zip';
import { attachmentDisposition } from '../src/documents/content-disposition';
import { CSV, documentIdOf, officeFile, PDF, rawLogin, sha256, upload } from './document-fixtures';
import {
  completeForm,
  completeRateForm,
  createContract,
  expectProblem,
  startTestApp,
  type TestApp,
  type UserClient,
} from './helpers';

let t: TestApp;
let mn: UserClient;
let fl: UserClient;
let cms: UserClient;

/** What the filing holds. */
let contractPdf: DocumentRef;
let supportingCsv: DocumentRef;
let colon: DocumentRef;
let underscore: DocumentRef;
let rateCertificate: DocumentRef;
let rateWorkbook: DocumentRef;
let workbookBytes: Buffer;
let contract: ContractView;

async function saveDraft(
  view: ContractView,
  contractDocuments: DocumentRef[],
  supportingDocuments: DocumentRef[],
  rates: object[] = [],
): Promise<ContractView> {
  const form = completeForm('MN', {
    submissionType: rates.length > 0 ? 'CONTRACT_AND_RATES' : 'CONTRACT_ONLY',
  });
  const response = await mn.put(`/api/contracts/${view.id}/draft`, {
    version: view.version,
    formData: {
      ...form,
      contractDetails: { ...form.contractDetails, contractDocuments, supportingDocuments },
    },
    rates,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ContractView>();
}

beforeAll(async () => {
  t = await startTestApp();
  mn = await t.loginAs('STATE_USER', { state: 'MN' });
  fl = await t.loginAs('STATE_USER', { state: 'FL' });
  cms = await t.loginAs('CMS_USER', { division: 'DMCO' });
  workbookBytes = await officeFile('xlsx');
  contractPdf = await upload(mn, 'Base contract – 2026.pdf', PDF);
  supportingCsv = await upload(mn, 'enrollment.csv', CSV);
  colon = await upload(mn, 'a:b.pdf', PDF);
  underscore = await upload(mn, 'a_b.pdf', PDF);
  rateCertificate = await upload(mn, 'rate-certification.pdf', PDF);
  rateWorkbook = await upload(mn, 'actuarial "notes".xlsx', workbookBytes);
  const created = await createContract(mn);
  contract = await saveDraft(
    created,
    [contractPdf, colon, underscore],
    [supportingCsv],
    [
      {
        kind: 'NEW',
        rateId: null,
        formData: completeRateForm('MN', {
          rateDocuments: [rateCertificate],
          supportingDocuments: [rateWorkbook],
        }),
      },
    ],
  );
});
afterAll(async () => {
  await t.close();
});

function documentUrl(contractId: string, document: Pick<DocumentRef, 'blobKey'> | string): string {
  const id = typeof document === 'string' ? document : documentIdOf(document);
  return `/api/contracts/${contractId}/documents/${id}`;
}

describe('GET /api/contracts/:id/documents/:documentId', () => {
  it('streams a contract document to its state, with its type, length and a safe attachment name', async () => {
    const response = await mn.get(documentUrl(contract.id, contractPdf));
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload).toEqual(PDF);
    expect(sha256(response.rawPayload)).toBe(contractPdf.sha256);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-length']).toBe(String(PDF.length));
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="Base contract _ 2026.pdf"; filename*=UTF-8''Base%20contract%20%E2%80%93%202026.pdf`,
    );
  });

  it('streams the documents of the rates the contract links', async () => {
    const response = await mn.get(documentUrl(contract.id, rateWorkbook));
    expect(response.statusCode).toBe(200);
    expect(sha256(response.rawPayload)).toBe(sha256(workbookBytes));
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="actuarial _notes_.xlsx"; filename*=UTF-8''actuarial%20%22notes%22.xlsx`,
    );
  });

  it('names a file holding ", ; or = safely for old clients and exactly for new ones', async () => {
    const names = ['q"uote.pdf', 'semi;colon.pdf', 'equals=sign.pdf', 'a"; filename="evil.exe"; x=".pdf'];
    const documents = await Promise.all(names.map((name) => upload(mn, name, PDF)));
    const view = await saveDraft(await createContract(mn), documents, []);
    for (const [i, name] of names.entries()) {
      const header = String(
        (await mn.get(documentUrl(view.id, documents[i] ?? ''))).headers['content-disposition'],
      );
      // A client that reads only `filename` gets the stand-in; one that reads `filename*` gets the real name.
      const fallback = parseDisposition(header, { extended: false }).parameters.filename ?? '';
      expect(fallback).toMatch(/^[\x20-\x7e]+\.pdf$/);
      expect(fallback).not.toMatch(/["\\;=]/);
      expect(parseDisposition(header).parameters.filename).toBe(name);
      // So does a careless one that splits on ; and = before looking at quotes.
      const careless = header
        .split(';')
        .map((part) => part.trim().split('='))
        .filter(([key]) => key === 'filename');
      expect(careless).toEqual([['filename', `"${fallback}"`]]);
    }
  });

  it('answers another state exactly as it answers a contract that does not exist', async () => {
    const missingId = newId();
    const missing = expectProblem(await mn.get(documentUrl(missingId, contractPdf)), 404, 'NOT_FOUND');
    const hidden = expectProblem(await fl.get(documentUrl(contract.id, contractPdf)), 404, 'NOT_FOUND');
    expect(hidden).toEqual({ ...missing, detail: missing.detail.replace(missingId, contract.id) });
  });

  it('refuses a document that is not part of this filing', async () => {
    const stray = await upload(mn, 'stray.pdf', PDF);
    expectProblem(await mn.get(documentUrl(contract.id, stray)), 404, 'NOT_FOUND');
    const otherDocument = await upload(mn, 'other.pdf', PDF);
    const other = await saveDraft(await createContract(mn), [otherDocument], []);
    expectProblem(await mn.get(documentUrl(contract.id, otherDocument)), 404, 'NOT_FOUND');
    expectProblem(await mn.get(documentUrl(other.id, contractPdf)), 404, 'NOT_FOUND');
    expect((await mn.get(documentUrl(other.id, otherDocument))).statusCode).toBe(200);
    for (const bad of ['not-a-uuid', '..%2F..%2Fsecret', `${documentIdOf(contractPdf)}x`]) {
      expectProblem(await mn.get(documentUrl(contract.id, bad)), 404, 'NOT_FOUND');
    }
  });

  it('lets CMS download only once the filing is submitted', async () => {
    expectProblem(await cms.get(documentUrl(contract.id, contractPdf)), 404, 'NOT_FOUND');
    const submitted = await mn.post(`/api/contracts/${contract.id}/submit`, { version: contract.version });
    expect(submitted.statusCode, submitted.body).toBe(200);
    contract = submitted.json<ContractView>();
    const response = await cms.get(documentUrl(contract.id, rateCertificate));
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload).toEqual(PDF);
  });

  it('answers 404 (and logs) when the blob is missing from storage', async () => {
    const lost = await upload(mn, 'lost.pdf', PDF);
    const view = await saveDraft(await createContract(mn), [lost], []);
    await rm(join(t.blobDir ?? '', ...lost.blobKey.split('/')));
    expectProblem(await mn.get(documentUrl(view.id, lost)), 404, 'NOT_FOUND');
  });
});

/** Every file of a zip, by path. */
function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    fromBuffer(buffer, { lazyEntries: true }, (error: Error | null, zip: ZipFile) => {
      if (error) return reject(error);
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('GET /api/contracts/:id/revisions/:revisionId/documents.zip', () => {
  function zipUrl(view: ContractView, revisionId = view.revisions.at(-1)?.id ?? ''): string {
    return `/api/contracts/${view.id}/revisions/${revisionId}/documents.zip`;
  }

  it('streams every document of the revision, in folders, names made unique', async () => {
    const response = await cms.get(zipUrl(contract));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="MCR-MN-\d{4}-[^"]+-revision-1-documents\.zip"/,
    );
    const rateFolder = contract.rates[0]?.revisions[0]?.name ?? '';
    expect(rateFolder).toMatch(/^MCR-MN-/);
    const files = await unzip(response.rawPayload);
    expect([...files.keys()]).toEqual([
      'Contract documents/Base contract – 2026.pdf',
      'Contract documents/a_b.pdf',
      'Contract documents/a_b (2).pdf',
      'Supporting documents/enrollment.csv',
      `${rateFolder}/rate-certification.pdf`,
      `${rateFolder}/Supporting documents/actuarial _notes_.xlsx`,
    ]);
    expect(files.get('Supporting documents/enrollment.csv')).toEqual(CSV);
    expect(
      sha256(files.get(`${rateFolder}/Supporting documents/actuarial _notes_.xlsx`) ?? Buffer.alloc(0)),
    ).toBe(rateWorkbook.sha256);
    expect(files.get('Contract documents/a_b (2).pdf')).toEqual(PDF);
  });

  it('answers 404 for a revision the caller cannot read, or that the contract does not have', async () => {
    expectProblem(await fl.get(zipUrl(contract)), 404, 'NOT_FOUND');
    expectProblem(await mn.get(zipUrl(contract, newId())), 404, 'NOT_FOUND');
  });

  it('aborts the download, without hanging, when a blob is missing from storage', async () => {
    const kept = await upload(mn, 'kept.csv', CSV);
    const lost = await upload(mn, 'lost.pdf', PDF);
    const view = await saveDraft(await createContract(mn), [lost], [kept]);
    await rm(join(t.blobDir ?? '', ...lost.blobKey.split('/')));
    const { cookie } = await rawLogin(t);
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const outcome = await new Promise<{ status: number; error: string | null }>((resolve) => {
      const request = httpRequest(`${address}${zipUrl(view)}`, { headers: { cookie } }, (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, error: null }));
        response.on('error', (error) => resolve({ status: response.statusCode ?? 0, error: error.message }));
        response.on('aborted', () => resolve({ status: response.statusCode ?? 0, error: 'aborted' }));
      });
      request.on('error', (error) => resolve({ status: 0, error: error.message }));
      request.end();
    });
    expect(outcome.status).toBe(200);
    expect(outcome.error).not.toBeNull();
  });
});

describe('zip and header names', () => {
  const doc = (name: string) => ({
    blobKey: 'documents/x',
    name,
    size: 1,
    contentType: 'text/csv',
    uploadedAt: '',
  });

  it('makes names safe and unique within each folder, case-insensitively, before the extension', () => {
    expect(
      archivePaths([
        { folder: ['A'], document: doc('report.pdf') },
        { folder: ['A'], document: doc('Report.PDF') },
        { folder: ['A'], document: doc('report.pdf') },
        { folder: ['B'], document: doc('report.pdf') },
        { folder: ['a/b'], document: doc('x<y>.csv') },
        { folder: ['C'], document: doc('README') },
        { folder: ['C'], document: doc('README') },
        { folder: ['C'], document: doc('..') },
      ]),
    ).toEqual([
      'A/report.pdf',
      'A/Report (2).PDF',
      'A/report (3).pdf',
      'B/report.pdf',
      'a_b/x_y_.csv',
      'C/README',
      'C/README (2)',
      'C/_',
    ]);
  });

  it('never lets a file name break out of Content-Disposition', () => {
    const header = attachmentDisposition('evil"\r\nSet-Cookie: x=1;.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(
      `attachment; filename="evil___Set-Cookie: x_1_.pdf"; filename*=UTF-8''evil%22%0D%0ASet-Cookie%3A%20x%3D1%3B.pdf`,
    );
    expect(attachmentDisposition('back\\slash\ttab\u0000nul\u007fdel.pdf')).toBe(
      `attachment; filename="back_slash_tab_nul_del.pdf"; filename*=UTF-8''back%5Cslash%09tab%00nul%7Fdel.pdf`,
    );
    expect(parseDisposition(attachmentDisposition('a\\b.pdf')).parameters.filename).toBe('a\\b.pdf');
    expect(attachmentDisposition('日本.pdf')).toBe(
      `attachment; filename="__.pdf"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.pdf`,
    );
  });
});
