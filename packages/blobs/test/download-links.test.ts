import { ValidationError } from '@docket/domain';
import { expect, it } from 'vitest';
import { MAX_DOWNLOAD_LINK_SECONDS, type DownloadLinkOptions } from '../src/index';
import { createS3BlobStore } from '../src/s3';
import {
  describeEachBlobStore,
  freshPrefix,
  randomBody,
  s3rverStore,
  startS3rver,
  streamOf,
} from './conformance';

const LINK: DownloadLinkOptions = {
  contentType: 'application/pdf',
  contentDisposition: 'attachment; filename="rate certification.pdf"',
  expiresInSeconds: 60,
};

const isValidationError = (error: unknown) => error instanceof ValidationError;

describeEachBlobStore('download links', (t) => {
  async function stored(name: string): Promise<{ key: string; bytes: Buffer }> {
    const key = `${freshPrefix()}${name}`;
    const { bytes } = randomBody(70_000);
    await t.store.put(key, streamOf(bytes), { contentType: 'application/octet-stream', maxBytes: 1e6 });
    return { key, bytes };
  }

  it('refuses a bad key, a lifetime outside 1 to 3600 seconds, and a header value that is not one line', async () => {
    const { key } = await stored('checked');
    await expect(t.store.downloadLink('../etc/passwd', LINK)).rejects.toSatisfy(
      (error) => error instanceof ValidationError && error.code === 'INVALID_BLOB_KEY',
    );
    for (const expiresInSeconds of [0, -5, 1.5, MAX_DOWNLOAD_LINK_SECONDS + 1, Number.NaN]) {
      await expect(t.store.downloadLink(key, { ...LINK, expiresInSeconds })).rejects.toSatisfy(
        isValidationError,
      );
    }
    await expect(
      t.store.downloadLink(key, { ...LINK, contentDisposition: 'attachment\r\nSet-Cookie: a=b' }),
    ).rejects.toSatisfy(isValidationError);
    for (const contentType of ['', '  ', 'application/pdf\x01', 'application/pdf\x7f']) {
      await expect(t.store.downloadLink(key, { ...LINK, contentType })).rejects.toSatisfy(isValidationError);
    }
  });

  if (t.adapter.unsupported.includes('download-links')) {
    it('hands out no link: every download goes through the server', async () => {
      const { key } = await stored('no-link');
      expect(await t.store.downloadLink(key, LINK)).toBeNull();
    });
  }

  t.itWith(
    'download-links',
    'serves the bytes at the link, with the type and disposition asked for',
    async () => {
      const { key, bytes } = await stored('served');
      const link = await t.store.downloadLink(key, LINK);
      expect(link).toMatch(/^https?:\/\//);
      const response = await fetch(link ?? '');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(LINK.contentType);
      expect(response.headers.get('content-disposition')).toBe(LINK.contentDisposition);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    },
  );

  // s3rver does not check V4 signatures, so refusing an altered link is left to S3; what is checked here is that
  // the link is signed for this blob, this response and this lifetime, and nothing wider.
  t.itWith(
    'download-links',
    'signs the link for this blob and these headers, for the lifetime asked',
    async () => {
      const { key } = await stored('signed');
      const link = new URL((await t.store.downloadLink(key, LINK)) ?? '');
      expect(link.pathname.endsWith(`/${key}`)).toBe(true);
      const query = link.searchParams;
      expect(query.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
      expect(query.get('X-Amz-Expires')).toBe('60');
      expect(query.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
      // Only the host is signed, so a browser that follows the link sends all the request needs.
      expect(query.get('X-Amz-SignedHeaders')).toBe('host');
      expect(query.get('X-Amz-Credential')).toMatch(/^[^/]+\/\d{8}\/[a-z0-9-]+\/s3\/aws4_request$/);
      expect(query.get('response-content-type')).toBe(LINK.contentType);
      expect(query.get('response-content-disposition')).toBe(LINK.contentDisposition);
    },
  );

  t.itWith('download-links', 'serves nothing once the link has expired', async () => {
    const { key } = await stored('expiring');
    const link = (await t.store.downloadLink(key, { ...LINK, expiresInSeconds: 1 })) ?? '';
    // The signature's clock has whole seconds: past one second and the next, the link is surely dead.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await fetch(link)).status).toBe(403);
  });

  t.itWith(
    'download-links',
    'makes a link without reading: a link to a missing blob answers 404',
    async () => {
      const link = (await t.store.downloadLink(`${freshPrefix()}never-stored`, LINK)) ?? '';
      expect((await fetch(link)).status).toBe(404);
    },
  );
});

it('S3 hands out no link unless opened with presignDownloads', async () => {
  const server = await startS3rver();
  const store = s3rverStore(server);
  try {
    expect(await store.downloadLink('documents/some-id', LINK)).toBeNull();
  } finally {
    await store.close();
    await server.stop();
  }
});

it('signs links to a bucket on AWS itself with its virtual host, without sending anything', async () => {
  const store = createS3BlobStore({
    bucket: 'docket-documents',
    region: 'us-gov-west-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-real-secret' },
    presignDownloads: true,
  });
  try {
    const link = new URL((await store.downloadLink('documents/some-id', LINK)) ?? '');
    expect(link.origin).toBe('https://docket-documents.s3.us-gov-west-1.amazonaws.com');
    expect(link.pathname).toBe('/documents/some-id');
    expect(link.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(link.searchParams.get('X-Amz-Credential')).toMatch(
      /^AKIDEXAMPLE\/\d{8}\/us-gov-west-1\/s3\/aws4_request$/,
    );
  } finally {
    await store.close();
  }
});

it('addresses a bucket at an endpoint in the path, unless told to name it in the host', async () => {
  const linkFrom = async (forcePathStyle: boolean | undefined) => {
    const store = createS3BlobStore({
      bucket: 'docket-documents',
      region: 'us-east-1',
      endpoint: 'http://storage.example.test:9000',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-real-secret' },
      presignDownloads: true,
      ...(forcePathStyle === undefined ? {} : { forcePathStyle }),
    });
    try {
      return new URL((await store.downloadLink('documents/some-id', LINK)) ?? '');
    } finally {
      await store.close();
    }
  };
  for (const pathStyle of [await linkFrom(undefined), await linkFrom(true)]) {
    expect(pathStyle.origin).toBe('http://storage.example.test:9000');
    expect(pathStyle.pathname).toBe('/docket-documents/documents/some-id');
  }
  const virtualHost = await linkFrom(false);
  expect(virtualHost.origin).toBe('http://docket-documents.storage.example.test:9000');
  expect(virtualHost.pathname).toBe('/documents/some-id');
});
