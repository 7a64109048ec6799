import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BlobStore } from '@docket/blobs';
import { createFileBlobStore } from '@docket/blobs/file';
import {
  newId,
  REFERENCE_PROGRAMS,
  type AuditEvent,
  type Problem,
  type ContractFormInput,
  type ContractView,
  type DocumentRef,
  type RateFormInput,
  type Division,
  type Program,
  type Role,
  type SessionView,
  type User,
} from '@docket/domain';
import {
  completeContractForm,
  completeDetails,
  completeRateForm as completeRateAnswers,
} from '@docket/domain/testing';
import type { Datastore } from '@docket/store';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp, type AppOptions, type DocketApp } from '../src/app';
import { createUploadReceipts } from '../src/documents/upload-receipts';
import { openDatastore } from '../src/composition-root';
import { hashPassword } from '../src/security/passwords';
import { createUser } from '../src/use-cases/create-user';
import { seedReferenceData } from '../src/use-cases/seed-reference-data';

/** Factories for HTTP tests: a real app on an in-memory PGlite, users of every role, logged-in clients. */

export const TEST_SECRET = 'test-secret-that-is-long-enough-to-sign-cookies';
export const TEST_PASSWORD = 'correct horse battery staple';

/** An in-memory PGlite datastore, migrated and seeded. One per test file: PGlite is heavy. */
export async function openTestDatastore(): Promise<Datastore> {
  const datastore = await openDatastore({ kind: 'pglite', dataDir: null });
  await datastore.migrate();
  await seedReferenceData(datastore.states);
  return datastore;
}

/** A blob store in a new temporary folder; the caller closes it and removes the folder. */
export async function openTestBlobStore(): Promise<{ blobs: BlobStore; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'docket-blobs-'));
  return { blobs: await createFileBlobStore({ dir }), dir };
}

type Headers = Record<string, string>;

/** A caller of the app, with or without a session. */
export interface Client {
  session: SessionView | null;
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: object,
    headers?: Headers,
  ): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Headers): Promise<LightMyRequestResponse>;
  post(url: string, body?: object, headers?: Headers): Promise<LightMyRequestResponse>;
  put(url: string, body?: object, headers?: Headers): Promise<LightMyRequestResponse>;
  patch(url: string, body?: object, headers?: Headers): Promise<LightMyRequestResponse>;
  /** Sends a body byte for byte, with this content type. */
  raw(
    method: 'POST' | 'PUT',
    url: string,
    payload: string | Buffer,
    contentType?: string,
  ): Promise<LightMyRequestResponse>;
}

export interface UserClient extends Client {
  session: SessionView;
}

export interface TestApp {
  app: DocketApp;
  datastore: Datastore;
  blobs: BlobStore;
  /** The folder of the blob store the test app made itself (removed on close); null for one given. */
  blobDir: string | null;
  anonymous: Client;
  /** Creates a user of this role (unique email) and logs in as them. */
  loginAs(
    role: Role,
    options?: { state?: string; division?: Division; assignedStates?: string[] },
  ): Promise<UserClient>;
  /** Creates a user without logging in; returns its email. */
  createUser(role: Role, options?: { state?: string; disabled?: boolean; email?: string }): Promise<string>;
  close(): Promise<void>;
}

function uniqueEmail(role: Role): string {
  return `${role.toLowerCase().replace('_', '.')}.${randomBytes(4).toString('hex')}@example.gov`;
}

function client(app: DocketApp, cookie: string | null, session: SessionView | null): Client {
  const request: Client['request'] = (method, url, body, headers = {}) =>
    app.inject({
      method,
      url,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(session && method !== 'GET' ? { 'x-csrf-token': session.csrfToken } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body }),
    });
  return {
    session,
    request,
    raw: (method, url, payload, contentType = 'application/json') =>
      app.inject({
        method,
        url,
        payload,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(session ? { 'x-csrf-token': session.csrfToken } : {}),
          'content-type': contentType,
        },
      }),
    get: (url, headers) => request('GET', url, undefined, headers),
    post: (url, body, headers) => request('POST', url, body, headers),
    put: (url, body, headers) => request('PUT', url, body, headers),
    patch: (url, body, headers) => request('PATCH', url, body, headers),
  };
}

/** The session cookie a login response set, as a `cookie` request header. */
export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'docket_session');
  if (!cookie) throw new Error(`no session cookie in the response (status ${response.statusCode})`);
  return `${cookie.name}=${cookie.value}`;
}

/** Starts the real app on a datastore (a fresh in-memory one unless given). */
export async function startTestApp(
  options: Partial<Omit<AppOptions, 'datastore' | 'blobs'>> & {
    datastore?: Datastore;
    blobs?: BlobStore;
  } = {},
): Promise<TestApp> {
  const ownsDatastore = options.datastore === undefined;
  const datastore = options.datastore ?? (await openTestDatastore());
  const own = options.blobs === undefined ? await openTestBlobStore() : null;
  const blobs = options.blobs ?? own?.blobs;
  if (!blobs) throw new Error('no blob store');
  const blobDir = own?.dir ?? null;
  const app = buildApp({
    secret: TEST_SECRET,
    demo: false,
    secureCookies: false,
    logLevel: 'silent',
    webRoot: null,
    ...options,
    datastore,
    blobs,
  });
  await app.ready();

  const createTestUser: TestApp['createUser'] = async (role, userOptions = {}) => {
    const email = userOptions.email ?? uniqueEmail(role);
    const stateCode = userOptions.state ?? (role === 'STATE_USER' ? 'MN' : null);
    if (!userOptions.disabled) {
      await createUser(
        { users: datastore.users },
        { email, givenName: 'Test', familyName: role, role, stateCode },
        TEST_PASSWORD,
        null,
      );
      return email;
    }
    // A user created disabled, which no use case does: stored directly.
    const at = new Date().toISOString();
    const user: User = {
      id: newId(),
      email,
      givenName: 'Test',
      familyName: role,
      role,
      stateCode,
      division: null,
      assignedStates: [],
      disabled: true,
      createdAt: at,
      version: 1,
      mustChangePassword: false,
    };
    const event: AuditEvent = {
      id: newId(),
      at,
      actor: null,
      action: 'CREATE_USER',
      reason: null,
      stateCode,
      contractId: null,
      revisionId: null,
      details: { userId: user.id },
    };
    await datastore.users.create({ user, passwordHash: await hashPassword(TEST_PASSWORD), event });
    return email;
  };

  return {
    app,
    datastore,
    blobs,
    blobDir,
    anonymous: client(app, null, null),
    createUser: createTestUser,
    async loginAs(role, userOptions = {}) {
      const email = uniqueEmail(role);
      await createUser(
        { users: datastore.users },
        {
          email,
          givenName: 'Test',
          familyName: role,
          role,
          stateCode: userOptions.state ?? (role === 'STATE_USER' ? 'MN' : null),
          division: userOptions.division ?? null,
          assignedStates: userOptions.assignedStates ?? [],
        },
        TEST_PASSWORD,
        null,
      );
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: TEST_PASSWORD },
      });
      if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
      const session = response.json<SessionView>();
      return { ...client(app, sessionCookieOf(response), session), session };
    },
    async close() {
      await app.close();
      if (ownsDatastore) await datastore.close();
      if (blobDir !== null) {
        await blobs.close();
        await rm(blobDir, { recursive: true, force: true });
      }
    },
  };
}

/** Current, non-retired programs of a state, from the reference data. */
export function programsOf(stateCode: string): Program[] {
  return REFERENCE_PROGRAMS.filter((p) => p.stateCode === stateCode && !p.isDeprecated);
}

export function retiredProgramOf(stateCode: string): Program | undefined {
  return REFERENCE_PROGRAMS.find((p) => p.stateCode === stateCode && p.isDeprecated);
}

/** A draft that passes submission for the state. */
/**
 * A document reference with a valid upload receipt for a user of `stateCode`, as `POST /api/documents` answers
 * it, without storing any bytes (the draft's checks do not read the blob).
 */
export function uploadedDocument(stateCode: string | null, name = 'contract.pdf'): DocumentRef {
  const content = `${name} ${randomBytes(8).toString('hex')}`;
  const document = {
    blobKey: `documents/${newId()}`,
    name,
    sha256: createHash('sha256').update(content).digest('hex'),
    size: content.length,
    contentType: 'application/pdf',
    uploadedBy: newId(),
    uploadedAt: new Date().toISOString(),
  };
  return { ...document, uploadToken: createUploadReceipts(TEST_SECRET).issue(document, stateCode) };
}

/** The first current program of a state. */
function firstProgramOf(stateCode: string): Program {
  const program = programsOf(stateCode)[0];
  if (!program) throw new Error(`no program for ${stateCode}`);
  return program;
}

/** Answers to every question of a Medicaid base contract of the state (contract only unless overridden). */
export function completeForm(
  stateCode = 'MN',
  overrides: Partial<ContractFormInput> = {},
): ContractFormInput {
  const contractDetails = completeDetails({ contractDocuments: [uploadedDocument(stateCode)] });
  return {
    ...completeContractForm({ programIDs: [firstProgramOf(stateCode).id], contractDetails }),
    ...overrides,
  };
}

/** Answers to every question of a new rate certification of the state's first program. */
export function completeRateForm(stateCode = 'MN', overrides: Partial<RateFormInput> = {}): RateFormInput {
  return {
    ...completeRateAnswers({
      rateDocuments: [uploadedDocument(stateCode, 'rate-certification.pdf')],
      rateProgramIDs: [firstProgramOf(stateCode).id],
      // Named in the rate names some tests expect.
      rateDateCertified: '2025-11-15',
    }),
    ...overrides,
  };
}

/** Creates a contract as this state user and returns its view. */
export async function createContract(user: Client, formData?: ContractFormInput): Promise<ContractView> {
  const response = await user.post('/api/contracts', formData === undefined ? {} : { formData });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return response.json<ContractView>();
}

/** Creates, fills and submits a contract as this state user. */
export async function submittedContract(user: Client, stateCode = 'MN'): Promise<ContractView> {
  const created = await createContract(user, completeForm(stateCode));
  const response = await user.post(`/api/contracts/${created.id}/submit`, { version: created.version });
  if (response.statusCode !== 200) throw new Error(`submit failed: ${response.statusCode} ${response.body}`);
  return response.json<ContractView>();
}

/**
 * Writes to a contract as `user`: its draft (`action` 'draft') or a lifecycle action ('submit', 'unlock', ...),
 * based on the view's version; expects it to succeed and returns the contract as it is afterwards.
 */
export async function writeContract(
  user: Client,
  view: Pick<ContractView, 'id' | 'version'>,
  action: string,
  body: object = {},
): Promise<ContractView> {
  const response = await (action === 'draft'
    ? user.put(`/api/contracts/${view.id}/draft`, { version: view.version, ...body })
    : user.post(`/api/contracts/${view.id}/${action}`, { version: view.version, ...body }));
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ContractView>();
}

/** Asserts a problem+json answer with this status and code; returns the problem. */
export function expectProblem(response: LightMyRequestResponse, status: number, code: string): Problem {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = response.json<Problem>();
  expect(problem).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String) });
  expect(problem.detail.length).toBeGreaterThan(0);
  return problem;
}
