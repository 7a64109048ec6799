import type { ContractFormData } from '@docket/domain';
import { contractForm } from '../packages/server/src/generate/generated-forms';
import type { LoadRequest, LoadResponse, LoadWorker } from './load';

/**
 * The two servers the API leg drives, each behind the same four operations — read one filing by id, list 25 of
 * the caller's state walking the cursor page after page, save a draft with its version, create a filing — so that
 * both get the same load. Docket is used as a browser uses it: each connection logs in (its own session) as one
 * of several state users, lists its state, and writes with the session's CSRF token and `If-Match`. The reference
 * has no sessions (bench/reference-server.ts); each connection works in the state its Docket twin works in.
 *
 * The drafts that the save operation writes are made at set-up through each server's own create, two for each
 * connection, so that no two connections ever write the same draft (a conflict would be an error). Their forms,
 * like those of creates, are complete answers without documents (a document needs an upload first).
 */

export const OPS = ['read', 'list', 'save', 'create'] as const;
export type Op = (typeof OPS)[number];

export interface Target {
  /** What connection `index` sends for `op`. */
  worker(op: Op, index: number): LoadWorker;
}

/** A state user the bench made, with the password to log in with. */
export interface BenchUser {
  email: string;
  password: string;
  stateCode: string;
}

interface Draft {
  id: string;
  version: number;
}

/** What each connection is given: its state, its drafts and two versions of a form to alternate between. */
interface Slot {
  stateCode: string;
  headers: Record<string, string>;
  drafts: Draft[];
  forms: [ContractFormData, ContractFormData];
}

const DRAFTS_PER_SLOT = 2;

function slotForms(stateCode: string, slot: number): [ContractFormData, ContractFormData] {
  const n = 1_000_000 + slot;
  return [contractForm(stateCode, n, 'Saved by the bench.'), contractForm(stateCode, n, 'Saved again.')];
}

async function call(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; headers: Headers; json: unknown }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return { status: response.status, headers: response.headers, json: text === '' ? null : JSON.parse(text) };
}

function expectStatus(response: LoadResponse, status: number): string | null {
  return response.status === status ? null : `expected ${status}`;
}

/** A worker that reads the ids of `ids` in turn, from a place of its own. */
function reader(ids: readonly string[], index: number, request: (id: string) => LoadRequest): LoadWorker {
  if (ids.length === 0) throw new Error('No filings to read in this state');
  let next = (index * 7919) % ids.length;
  return {
    next: () => request(ids[next++ % ids.length] ?? ''),
    done: (response) => expectStatus(response, 200),
  };
}

/** A worker that walks a list's pages, from the first to the last and again. */
function lister(request: (cursor: string | null) => LoadRequest): LoadWorker {
  let cursor: string | null = null;
  return {
    next: () => request(cursor),
    done(response) {
      if (response.status !== 200) return 'expected 200';
      const page = JSON.parse(response.body) as { items?: unknown[]; nextCursor?: string | null };
      if (!Array.isArray(page.items) || page.items.length === 0) return 'an empty page';
      cursor = page.nextCursor ?? null;
      return null;
    },
  };
}

/** A worker that saves its drafts in turn, each on top of the version the last save gave it. */
function saver(
  slot: Slot,
  request: (draft: Draft, form: ContractFormData) => LoadRequest,
  versionOf: (response: LoadResponse) => number | null,
): LoadWorker {
  let turn = 0;
  let current: Draft | undefined;
  return {
    next() {
      current = slot.drafts[turn % slot.drafts.length];
      if (!current) throw new Error('A connection without drafts');
      const form = slot.forms[Math.floor(turn / slot.drafts.length) % 2] ?? slot.forms[0];
      turn += 1;
      return request(current, form);
    },
    done(response) {
      if (response.status !== 200 || !current) return 'expected 200';
      const version = versionOf(response);
      if (version === null || version <= current.version) return `no newer version (${version})`;
      current.version = version;
      return null;
    },
  };
}

function creator(request: () => LoadRequest): LoadWorker {
  return { next: request, done: (response) => expectStatus(response, 201) };
}

/** Gathers a state's filing ids, page by page, up to `limit`. */
async function walk(
  fetchPage: (cursor: string | null) => Promise<{ ids: string[]; nextCursor: string | null }>,
  limit: number,
): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await fetchPage(cursor);
    ids.push(...page.ids);
    cursor = page.nextCursor;
  } while (cursor !== null && ids.length < limit);
  return ids;
}

const READ_IDS_PER_STATE = 2000;

/**
 * Docket as its users drive it: `slots` connections, each logged in with a session of its own (the users taken in
 * turn); the ids each state user may read gathered from its dashboard; drafts made for saving when `writes`.
 */
export async function prepareDocket(
  base: string,
  users: readonly BenchUser[],
  slots: number,
  writes: boolean,
): Promise<Target> {
  const prepared: Slot[] = [];
  for (let index = 0; index < slots; index++) {
    const user = users[index % users.length];
    if (!user) throw new Error('No bench users');
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    if (!login.ok) throw new Error(`login answered ${login.status}: ${await login.text()}`);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    prepared.push({
      stateCode: user.stateCode,
      headers: { cookie, 'x-csrf-token': csrfToken },
      drafts: [],
      forms: slotForms(user.stateCode, index),
    });
  }
  const ids = new Map<string, string[]>();
  for (const slot of prepared) {
    if (ids.has(slot.stateCode)) continue;
    const found = await walk(async (cursor) => {
      const query = `limit=100${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const { json } = await call(base, 'GET', `/api/contracts?${query}`, slot.headers);
      const page = json as { items: { id: string }[]; nextCursor: string | null };
      return { ids: page.items.map((item) => item.id), nextCursor: page.nextCursor };
    }, READ_IDS_PER_STATE);
    ids.set(slot.stateCode, found);
  }
  if (writes) {
    for (const slot of prepared) {
      for (let k = 0; k < DRAFTS_PER_SLOT; k++) {
        const created = await call(base, 'POST', '/api/contracts', slot.headers, { formData: slot.forms[0] });
        const view = created.json as { id: string; version: number };
        slot.drafts.push({ id: view.id, version: view.version });
      }
    }
  }
  const slotOf = (index: number): Slot => {
    const slot = prepared[index % prepared.length];
    if (!slot) throw new Error('No connections prepared');
    return slot;
  };
  return {
    worker(op, index) {
      const slot = slotOf(index);
      const headers = slot.headers;
      switch (op) {
        case 'read':
          return reader(ids.get(slot.stateCode) ?? [], index, (id) => ({
            method: 'GET',
            path: `/api/contracts/${id}`,
            headers,
          }));
        case 'list':
          return lister((cursor) => ({
            method: 'GET',
            path: `/api/contracts?limit=25${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
            headers,
          }));
        case 'save':
          return saver(
            slot,
            (draft, form) => ({
              method: 'PUT',
              path: `/api/contracts/${draft.id}/draft`,
              headers: { ...headers, 'if-match': `"${draft.version}"` },
              body: JSON.stringify({ version: draft.version, formData: form, rates: [] }),
            }),
            (response) => {
              const etag = response.headers.etag;
              const version = typeof etag === 'string' ? /"(\d+)"/.exec(etag)?.[1] : undefined;
              return version === undefined ? null : Number(version);
            },
          );
        case 'create':
          return creator(() => ({
            method: 'POST',
            path: '/api/contracts',
            headers,
            body: JSON.stringify({ formData: slot.forms[0] }),
          }));
      }
    },
  };
}

/** The reference, with the same connections in the same states as Docket's: `states[index % states.length]`. */
export async function prepareReference(
  base: string,
  states: readonly string[],
  slots: number,
  writes: boolean,
): Promise<Target> {
  const prepared: Slot[] = [];
  for (let index = 0; index < slots; index++) {
    const stateCode = states[index % states.length];
    if (!stateCode) throw new Error('No states');
    prepared.push({ stateCode, headers: {}, drafts: [], forms: slotForms(stateCode, index) });
  }
  const ids = new Map<string, string[]>();
  for (const stateCode of new Set(prepared.map((slot) => slot.stateCode))) {
    const found = await walk(async (cursor) => {
      const query = cursor === null ? '' : `?cursor=${encodeURIComponent(cursor)}`;
      const { json } = await call(base, 'GET', `/states/${stateCode}/filings${query}`, {});
      const page = json as { items: { id: string }[]; nextCursor: string | null };
      return { ids: page.items.map((item) => item.id), nextCursor: page.nextCursor };
    }, READ_IDS_PER_STATE);
    ids.set(stateCode, found);
  }
  if (writes) {
    for (const slot of prepared) {
      for (let k = 0; k < DRAFTS_PER_SLOT; k++) {
        const created = await call(
          base,
          'POST',
          `/states/${slot.stateCode}/filings`,
          {},
          { form: slot.forms[0] },
        );
        const row = created.json as { id: string; version: number };
        slot.drafts.push({ id: row.id, version: row.version });
      }
    }
  }
  const slotOf = (index: number): Slot => {
    const slot = prepared[index % prepared.length];
    if (!slot) throw new Error('No connections prepared');
    return slot;
  };
  return {
    worker(op, index) {
      const slot = slotOf(index);
      switch (op) {
        case 'read':
          return reader(ids.get(slot.stateCode) ?? [], index, (id) => ({
            method: 'GET',
            path: `/filings/${id}`,
          }));
        case 'list':
          return lister((cursor) => ({
            method: 'GET',
            path: `/states/${slot.stateCode}/filings${cursor === null ? '' : `?cursor=${encodeURIComponent(cursor)}`}`,
          }));
        case 'save':
          return saver(
            slot,
            (draft, form) => ({
              method: 'PUT',
              path: `/filings/${draft.id}/draft`,
              body: JSON.stringify({ version: draft.version, form }),
            }),
            (response) => (JSON.parse(response.body) as { version?: number }).version ?? null,
          );
        case 'create':
          return creator(() => ({
            method: 'POST',
            path: `/states/${slot.stateCode}/filings`,
            body: JSON.stringify({ form: slot.forms[0] }),
          }));
      }
    },
  };
}
