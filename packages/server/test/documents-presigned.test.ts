import type { BlobStore } from '@docket/blobs';
import { startS3rver, type RunningS3rver } from '@docket/blobs/testing';
import type { ContractView, DocumentRef } from '@docket/domain';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openBlobStore } from '../src/composition-root';
import { loadConfig } from '../src/config';
import { attachmentDisposition } from '../src/documents/content-disposition';
import { documentIdOf, PDF, upload } from './document-fixtures';
import {
  completeForm,
  createContract,
  expectProblem,
  startTestApp,
  type TestApp,
  type UserClient,
} from './helpers';

/**
 * Documents kept in S3 with `downloads=presigned`: Docket authorizes each download as always, then sends the
 * browser to a short-lived link to the bucket instead of streaming the bytes itself.
 */
let s3: RunningS3rver;
let blobs: BlobStore;
let t: TestApp;
let mn: UserClient;
let fl: UserClient;
let contract: ContractView;
let document: DocumentRef;

/** A new Minnesota draft whose contract document is `contractDocument`. */
async function draftWith(contractDocument: DocumentRef): Promise<ContractView> {
  const created = await createContract(mn);
  const form = completeForm('MN');
  const saved = await mn.put(`/api/contracts/${created.id}/draft`, {
    version: created.version,
    formData: {
      ...form,
      contractDetails: { ...form.contractDetails, contractDocuments: [contractDocument] },
    },
    rates: [],
  });
  expect(saved.statusCode, saved.body).toBe(200);
  return saved.json<ContractView>();
}

beforeAll(async () => {
  s3 = await startS3rver();
  // The S3 adapter takes its credentials from the SDK's default chain, here the environment.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'S3RVER');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'S3RVER');
  const config = loadConfig(
    {
      DOCKET_BLOBS: `s3://${s3.bucket}?region=us-east-1&endpoint=${s3.endpoint}&downloads=presigned`,
      DOCKET_SECRET: 'x'.repeat(32),
    },
    { cwd: process.cwd() },
  );
  blobs = await openBlobStore(config.blobs);
  t = await startTestApp({ blobs });
  mn = await t.loginAs('STATE_USER', { state: 'MN' });
  fl = await t.loginAs('STATE_USER', { state: 'FL' });
  document = await upload(mn, 'Base contract – 2026.pdf', PDF);
  contract = await draftWith(document);
});
afterAll(async () => {
  await t?.close();
  await blobs?.close();
  await s3?.stop();
  vi.unstubAllEnvs();
});

describe('GET /api/contracts/:id/documents/:documentId with presigned downloads', () => {
  it('sends the reader to a link to the bucket that serves the document as an attachment', async () => {
    const response = await mn.get(`/api/contracts/${contract.id}/documents/${documentIdOf(document)}`);
    expect(response.statusCode).toBe(302);
    expect(response.headers['cache-control']).toBe('private, no-store');
    const location = String(response.headers.location);
    expect(location.startsWith(`${s3.endpoint}/${s3.bucket}/${document.blobKey}?`)).toBe(true);
    expect(new URL(location).searchParams.get('X-Amz-Expires')).toBe('300');
    expect(response.rawPayload.length).toBe(0);

    const fromBucket = await fetch(location);
    expect(fromBucket.status).toBe(200);
    expect(Buffer.from(await fromBucket.arrayBuffer()).equals(PDF)).toBe(true);
    expect(fromBucket.headers.get('content-type')).toBe('application/pdf');
    expect(fromBucket.headers.get('content-disposition')).toBe(attachmentDisposition(document.name));
  });

  it('makes no link for a reader who may not read the filing', async () => {
    const makeLink = vi.spyOn(blobs, 'downloadLink');
    try {
      const response = await fl.get(`/api/contracts/${contract.id}/documents/${documentIdOf(document)}`);
      expectProblem(response, 404, 'NOT_FOUND');
      expect(response.headers.location).toBeUndefined();
      expect(makeLink).not.toHaveBeenCalled();
    } finally {
      makeLink.mockRestore();
    }
  });

  it('answers 404 itself, rather than sending the reader to the bucket, when the blob is missing', async () => {
    const lost = await upload(mn, 'lost.pdf', PDF);
    const draft = await draftWith(lost);
    await blobs.delete(lost.blobKey);
    const response = await mn.get(`/api/contracts/${draft.id}/documents/${documentIdOf(lost)}`);
    expectProblem(response, 404, 'NOT_FOUND');
    expect(response.headers.location).toBeUndefined();
  });

  it('still streams the zip of a revision through the server', async () => {
    const revisionId = contract.revisions[0]?.id;
    expect(revisionId).toBeDefined();
    const response = await mn.get(`/api/contracts/${contract.id}/revisions/${revisionId}/documents.zip`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.rawPayload.includes(PDF)).toBe(true);
  });
});
