import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BlobStore } from '@docket/blobs';
import {
  actorRef,
  contractFormDraftSchema,
  newId,
  rateFormDraftSchema,
  REFERENCE_PROGRAMS,
  upgradeContractForm,
  type AuditEvent,
  type Contract,
  type ContractAction,
  type ContractFormData,
  type DocumentRef,
  type EventAction,
  type RateFormData,
  type RateLink,
  type Role,
  type User,
} from '@docket/domain';
import {
  TRANSFER_KINDS,
  type ContractChange,
  type Datastore,
  type RateWrites,
  type TransferKind,
} from '@docket/store';
import { seedReferenceData } from '../src/use-cases/seed-reference-data';
import { measureKind, type KindMeasure } from '../src/transfer';

/**
 * Realistic data for transfer tests and the benchmark, written through the datastore port as the use cases write
 * it: users of several roles with their CREATE_USER events and sessions, and contracts that go through their
 * lifecycle — drafts saved, submitted, some unlocked and resubmitted (several revisions), some approved, some
 * given an MC-CRS number — each change with its audit event. Half the contracts are filed with one or two rates,
 * which are submitted, opened and resubmitted with them. Given a blob store, filings also get documents, whose
 * bytes are stored in it as an upload would (some with the same bytes under two keys).
 */

const STATES = ['MN', 'WI', 'FL', 'CA', 'NY', 'TX', 'OH', 'PR'] as const;
const FAKE_PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$ZG9ja2V0LXRlc3Q$9x8NqjJq2dTQ1FfKqB4W8w';
/** Filings are dated from here on, a minute apart, so runs are comparable. */
const EPOCH = Date.parse('2025-01-06T14:00:00.000Z');

function programIdsOf(stateCode: string): string[] {
  return REFERENCE_PROGRAMS.filter((p) => p.stateCode === stateCode && !p.isDeprecated)
    .slice(0, 2)
    .map((p) => p.id);
}

/** Bytes that look like a small PDF, different every time. */
function pdfBytes(n: number): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(500 + ((n * 977) % 6000))]);
}

/** The same attestation, uploaded again by many filings under new keys. */
const SHARED_ATTESTATION = pdfBytes(42);

/** Stores `bytes` as an upload does and returns the document's reference. */
async function upload(
  blobs: BlobStore,
  name: string,
  bytes: Buffer,
  by: User,
  at: string,
): Promise<DocumentRef> {
  const blobKey = `documents/${newId()}`;
  const stored = await blobs.put(blobKey, Readable.from([bytes]), {
    contentType: 'application/pdf',
    maxBytes: bytes.length,
  });
  if (stored.sha256 !== createHash('sha256').update(bytes).digest('hex'))
    throw new Error('blob store changed bytes');
  return {
    blobKey,
    name,
    sha256: stored.sha256,
    size: stored.size,
    contentType: 'application/pdf',
    uploadedBy: by.id,
    uploadedAt: at,
  };
}

function form(
  stateCode: string,
  n: number,
  note: string,
  documents: { contract: DocumentRef[]; supporting: DocumentRef[] } = { contract: [], supporting: [] },
): ContractFormData {
  return contractFormDraftSchema.parse({
    populationCovered: n % 6 === 0 ? 'MEDICAID_AND_CHIP' : 'MEDICAID',
    programIDs: programIdsOf(stateCode),
    submissionType: hasRates(n) ? 'CONTRACT_AND_RATES' : 'CONTRACT_ONLY',
    contractType: n % 4 === 0 ? 'AMENDMENT' : 'BASE',
    riskBasedContract: n % 2 === 0,
    submissionDescription: `${stateCode} managed care contract ${n} for plan year ${2025 + (n % 3)}. ${note}`,
    stateContacts: [
      { givenName: 'Sam', familyName: `Analyst ${n}`, titleRole: 'Program lead', email: `sam${n}@state.gov` },
      { givenName: 'Lee', familyName: 'Deputy', titleRole: 'Contract officer', email: `lee${n}@state.gov` },
    ],
    contractDetails: { contractDocuments: documents.contract, supportingDocuments: documents.supporting },
  });
}

/** Whether contract `n` is filed with rates. */
function hasRates(n: number): boolean {
  return n % 2 === 1;
}

function rateForm(stateCode: string, n: number, documents: DocumentRef[] = []): RateFormData {
  return rateFormDraftSchema.parse({
    rateDocuments: documents,
    rateProgramIDs: programIdsOf(stateCode),
    rateType: n % 4 === 3 ? 'AMENDMENT' : 'NEW',
    rateCapitationType: 'RATE_CELL',
    rateDateStart: '2026-07-01',
    rateDateEnd: '2027-06-30',
    rateDateCertified: '2026-05-01',
    ...(n % 4 === 3
      ? { amendmentEffectiveDateStart: '2026-09-01', amendmentEffectiveDateEnd: '2027-06-30' }
      : {}),
    certifyingActuaryContacts: [
      {
        name: `Alex Actuary ${n}`,
        titleRole: 'Principal',
        email: `alex${n}@actuaries.test`,
        actuarialFirm: 'MERCER',
      },
    ],
    actuaryCommunicationPreference: 'OACT_TO_ACTUARY',
  });
}

/** A rate a contract owns, as the fixture tracks it: its id, its latest revision and that revision's answers. */
interface OwnedRate {
  id: string;
  revisionId: string;
  formData: RateFormData;
}

const draftLinks = (rates: OwnedRate[]): RateLink[] =>
  rates.map((r) => ({ rateId: r.id, rateRevisionId: null }));
const fixedLinks = (rates: OwnedRate[]): RateLink[] =>
  rates.map((r) => ({ rateId: r.id, rateRevisionId: r.revisionId }));

function event(
  action: EventAction,
  at: string,
  user: User | null,
  fields: Partial<AuditEvent> = {},
): AuditEvent {
  return {
    id: newId(),
    at,
    actor: user ? actorRef(user) : null,
    action,
    reason: null,
    stateCode: null,
    contractId: null,
    revisionId: null,
    details: {},
    ...fields,
  };
}

async function createUser(
  datastore: Datastore,
  role: Role,
  stateCode: string | null,
  n: number,
): Promise<User> {
  const user: User = {
    id: newId(),
    email: `${role.toLowerCase()}.${n}.${newId().slice(-8)}@example.gov`,
    givenName: 'Test',
    familyName: `${role} ${n}`,
    role,
    stateCode,
    division: role === 'CMS_USER' || role === 'CMS_APPROVER' ? 'DMCO' : null,
    assignedStates: role === 'CMS_USER' ? ['MN', 'WI'] : [],
    disabled: n % 11 === 10,
    createdAt: new Date(EPOCH - 86_400_000 + n * 1000).toISOString(),
  };
  const created = event('CREATE_USER', user.createdAt, null, {
    stateCode,
    details: { userId: user.id, email: user.email, role },
  });
  await datastore.users.create({ user, passwordHash: FAKE_PASSWORD_HASH, event: created });
  return user;
}

/** One contract's life, change after change, each with its event. */
async function fileContract(
  datastore: Datastore,
  n: number,
  people: { state: Map<string, User>; cms: User; approver: User },
  blobs: BlobStore | null,
): Promise<void> {
  const stateCode = STATES[n % STATES.length] ?? 'MN';
  const filer = people.state.get(stateCode);
  if (!filer) throw new Error(`No state user for ${stateCode}`);
  let clock = EPOCH + n * 60_000;
  const tick = () => new Date((clock += 1000)).toISOString();
  const document = async (name: string, bytes: Buffer = pdfBytes(n * 7 + name.length)) =>
    blobs ? [await upload(blobs, name, bytes, filer, new Date(clock).toISOString())] : [];
  const contractDocuments = async (round: string) => ({
    contract: await document(`contract-${n}-${round}.pdf`),
    supporting: n % 4 === 0 ? await document(`attestation-${n}.pdf`, SHARED_ATTESTATION) : [],
  });

  const id = newId();
  const revisionId = newId();
  const at = tick();
  let contract = await datastore.contracts.create({
    id,
    stateCode,
    revisionId,
    formData: form(stateCode, n, 'First draft.'),
    at,
    event: event('CREATE_CONTRACT', at, filer, { stateCode, contractId: id, revisionId }),
  });

  const apply = async (
    action: ContractAction,
    user: User,
    change: ContractChange,
    eventRevisionId: string | null,
    reason: string | null = null,
  ) => {
    const when = tick();
    contract = await datastore.contracts.apply(contract.id, {
      expectedVersion: contract.version,
      at: when,
      change,
      event: event(action, when, user, {
        reason,
        stateCode,
        contractId: contract.id,
        revisionId: eventRevisionId,
      }),
    });
  };
  const draft = (c: Contract) => {
    const last = c.revisions.at(-1);
    if (!last) throw new Error('A contract without revisions');
    return last;
  };
  let rates: OwnedRate[] = [];
  const submitChange = (c: Contract, reason: string | null): ContractChange => {
    const submitted = { at: new Date(clock + 1000).toISOString(), by: actorRef(filer), reason };
    const writes: RateWrites = {
      submit: rates.map((r) => ({ rateId: r.id, revisionId: r.revisionId, formData: r.formData, submitted })),
    };
    return {
      kind: 'SUBMIT',
      revisionId: draft(c).id,
      formData: upgradeContractForm(draft(c).formData),
      rateLinks: fixedLinks(rates),
      submitted,
      ...(rates.length > 0 ? { rates: writes } : {}),
    };
  };

  if (hasRates(n)) {
    const count = n % 4 === 3 ? 2 : 1;
    for (let i = 0; i < count; i++) {
      rates.push({
        id: newId(),
        revisionId: newId(),
        formData: rateForm(stateCode, n, await document(`rate-${n}-${i}.pdf`)),
      });
    }
  }
  await apply(
    'SAVE_DRAFT',
    filer,
    {
      kind: 'SAVE_DRAFT',
      revisionId: draft(contract).id,
      formData: form(stateCode, n, 'Complete.', await contractDocuments('first')),
      rateLinks: draftLinks(rates),
      ...(rates.length > 0 ? { rates: { create: rates } } : {}),
    },
    draft(contract).id,
  );
  if (n % 5 === 4) return; // one in five stays a draft
  await apply('SUBMIT', filer, submitChange(contract, null), draft(contract).id);

  if (n % 3 === 0) {
    const reopened = newId();
    const unlocked = {
      at: new Date(clock + 1000).toISOString(),
      by: actorRef(people.cms),
      reason: 'Fix the dates',
    };
    rates = rates.map((r) => ({ ...r, revisionId: newId() }));
    await apply(
      'UNLOCK',
      people.cms,
      {
        kind: 'UNLOCK',
        revision: {
          id: reopened,
          formData: upgradeContractForm(draft(contract).formData),
          rateLinks: draftLinks(rates),
        },
        unlocked,
        ...(rates.length > 0
          ? {
              rates: {
                open: rates.map((r) => ({
                  rateId: r.id,
                  revision: { id: r.revisionId, formData: r.formData },
                  unlocked,
                })),
              },
            }
          : {}),
      },
      reopened,
      'Fix the dates',
    );
    const fixed: OwnedRate[] = [];
    for (const [i, r] of rates.entries()) {
      fixed.push({ ...r, formData: rateForm(stateCode, n + 1, await document(`rate-${n}-${i}-fixed.pdf`)) });
    }
    rates = fixed;
    await apply(
      'SAVE_DRAFT',
      filer,
      {
        kind: 'SAVE_DRAFT',
        revisionId: reopened,
        formData: form(stateCode, n, 'Dates fixed.', await contractDocuments('fixed')),
        rateLinks: draftLinks(rates),
        ...(rates.length > 0
          ? {
              rates: {
                save: rates.map((r) => ({ rateId: r.id, revisionId: r.revisionId, formData: r.formData })),
              },
            }
          : {}),
      },
      reopened,
    );
    await apply('RESUBMIT', filer, submitChange(contract, 'Dates fixed'), reopened, 'Dates fixed');
  }
  if (n % 4 === 1) {
    const when = new Date(clock + 1000).toISOString();
    await apply(
      'APPROVE',
      people.approver,
      {
        kind: 'REVIEW_ACTION',
        reviewAction: {
          id: newId(),
          action: 'APPROVE',
          at: when,
          by: actorRef(people.approver),
          reason: null,
          dateApprovalReleasedToState: when.slice(0, 10),
        },
      },
      null,
    );
  }
  if (n % 7 === 2) {
    await apply(
      'SET_MCCRS_ID',
      people.cms,
      { kind: 'SET_MCCRS_ID', mccrsId: String(1000 + (n % 9000)) },
      null,
    );
  }
}

/**
 * Seeds the reference data and writes `contracts` filings (with users, sessions, events and rates) into a migrated
 * datastore, and, given `documents`, their documents into that blob store. `concurrency` contracts are filed at a
 * time.
 */
export async function generateFilings(
  datastore: Datastore,
  options: {
    contracts: number;
    concurrency?: number;
    documents?: BlobStore;
    onProgress?: (filed: number) => void;
  },
): Promise<void> {
  await seedReferenceData(datastore.states);
  const state = new Map<string, User>();
  let n = 0;
  for (const code of STATES) state.set(code, await createUser(datastore, 'STATE_USER', code, n++));
  const cms = await createUser(datastore, 'CMS_USER', null, n++);
  const approver = await createUser(datastore, 'CMS_APPROVER', null, n++);
  for (const role of ['ADMIN', 'HELPDESK', 'READONLY'] as const) await createUser(datastore, role, null, n++);
  for (const user of [...state.values(), cms, approver]) {
    await datastore.sessions.create({
      id: `session-${newId()}`,
      userId: user.id,
      csrfToken: `csrf-${newId()}`,
      createdAt: new Date(EPOCH).toISOString(),
      expiresAt: new Date(EPOCH + 8 * 3_600_000).toISOString(),
    });
  }
  await datastore.events.append(event('LOGIN', new Date(EPOCH).toISOString(), cms));

  const concurrency = options.concurrency ?? 4;
  let next = 0;
  let filed = 0;
  const worker = async () => {
    while (next < options.contracts) {
      const mine = next++;
      await fileContract(datastore, mine, { state, cms, approver }, options.documents ?? null);
      filed += 1;
      options.onProgress?.(filed);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, options.contracts) }, worker));
}

/** Count and content hash of every kind in a datastore. */
export async function measureAll(datastore: Datastore): Promise<Record<TransferKind, KindMeasure>> {
  const out: Partial<Record<TransferKind, KindMeasure>> = {};
  for (const kind of TRANSFER_KINDS) out[kind] = await measureKind(datastore, kind, 500);
  return out as Record<TransferKind, KindMeasure>;
}

/** The SHA-256 and size of every blob in a blob store, by key. */
export async function blobContents(blobs: BlobStore): Promise<Map<string, { size: number; sha256: string }>> {
  const contents = new Map<string, { size: number; sha256: string }>();
  let cursor: string | null = null;
  do {
    const page = await blobs.list({ cursor, limit: 1000 });
    for (const item of page.items) {
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of (await blobs.get(item.key)) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
      }
      contents.set(item.key, { size, sha256: hash.digest('hex') });
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
  return contents;
}
