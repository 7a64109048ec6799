import { randomBytes } from 'node:crypto';
import type { BlobStore } from '@docket/blobs';
import { startS3rver, type RunningS3rver } from '@docket/blobs/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openBlobStore } from '../src/composition-root';
import { loadConfig } from '../src/config';
import { officeFile, sendFile, zipOf } from './document-fixtures';
import { expectProblem, startTestApp, type TestApp, type UserClient } from './helpers';

/**
 * Uploads into S3, where an Office file is refused only once its last byte has gone by, when the put (one request,
 * or a multipart upload past 5 MB) is already under way: the refusal must leave nothing in the bucket.
 */
let s3: RunningS3rver;
let blobs: BlobStore;
let t: TestApp;
let mn: UserClient;

beforeAll(async () => {
  s3 = await startS3rver();
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'S3RVER');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'S3RVER');
  const config = loadConfig(
    {
      DOCKET_BLOBS: `s3://${s3.bucket}?region=us-east-1&endpoint=${s3.endpoint}`,
      DOCKET_SECRET: 'x'.repeat(32),
    },
    { cwd: process.cwd() },
  );
  blobs = await openBlobStore(config.blobs);
  t = await startTestApp({ blobs });
  mn = await t.loginAs('STATE_USER', { state: 'MN' });
});
afterAll(async () => {
  await t?.close();
  await blobs?.close();
  await s3?.stop();
  vi.unstubAllEnvs();
});

async function storedKeys(): Promise<string[]> {
  return (await blobs.list({ prefix: 'documents/', limit: 1000 })).items.map((item) => item.key);
}

describe('POST /api/documents into S3', () => {
  it('stores an Office file, and leaves nothing of one refused at its end, small or multipart', async () => {
    const accepted = await sendFile(mn, 'rates.xlsx', await officeFile('xlsx', { streamed: true }));
    expect(accepted.statusCode, accepted.body).toBe(201);
    const before = await storedKeys();
    expect(before).toHaveLength(1);
    for (const size of [40 * 1024, 6 * 1024 * 1024]) {
      const jar = await zipOf(
        [
          ['META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\r\n'],
          ['lib/Big.class', randomBytes(size)],
        ],
        { compress: false },
      );
      const problem = expectProblem(await sendFile(mn, 'contract.docx', jar), 415, 'UNSUPPORTED_FILE_TYPE');
      expect(problem.detail).toContain('it is a zip archive without [Content_Types].xml');
    }
    const docxAsWorkbook = await officeFile('docx', {
      extraParts: [['word/media/a.bin', randomBytes(6 << 20)]],
    });
    expectProblem(await sendFile(mn, 'rates.xlsx', docxAsWorkbook), 415, 'UNSUPPORTED_FILE_TYPE');
    expect(await storedKeys()).toEqual(before);
  });
});
