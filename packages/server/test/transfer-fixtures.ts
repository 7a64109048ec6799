import {
  actorRef,
  contractFormDraftSchema,
  newId,
  REFERENCE_PROGRAMS,
  type AuditEvent,
  type Contract,
  type ContractAction,
  type ContractFormData,
  type EventAction,
  type Role,
  type User,
} from '@docket/domain';
import { TRANSFER_KINDS, type ContractChange, type Datastore, type TransferKind } from '@docket/store';
import { seedReferenceData } from '../src/use-cases/seed-reference-data';
import { measureKind, type KindMeasure } from '../src/transfer';

/**
 * Realistic data for transfer tests and the benchmark, written through the datastore port as the use cases write
 * it: users of several roles with their CREATE_USER events and sessions, and contracts that go through their
 * lifecycle — drafts saved, submitted, some unlocked and resubmitted (several revisions), some approved, some
 * given an MC-CRS number — each change with its audit event.
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

function form(stateCode: string, n: number, note: string): ContractFormData {
  return contractFormDraftSchema.parse({
    populationCovered: n % 6 === 0 ? 'MEDICAID_AND_CHIP' : 'MEDICAID',
    programIDs: programIdsOf(stateCode),
    submissionType: 'CONTRACT_ONLY',
    contractType: n % 4 === 0 ? 'AMENDMENT' : 'BASE',
    riskBasedContract: n % 2 === 0,
    submissionDescription: `${stateCode} managed care contract ${n} for plan year ${2025 + (n % 3)}. ${note}`,
    stateContacts: [
      { givenName: 'Sam', familyName: `Analyst ${n}`, titleRole: 'Program lead', email: `sam${n}@state.gov` },
      { givenName: 'Lee', familyName: 'Deputy', titleRole: 'Contract officer', email: `lee${n}@state.gov` },
    ],
  });
}

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
): Promise<void> {
  const stateCode = STATES[n % STATES.length] ?? 'MN';
  const filer = people.state.get(stateCode);
  if (!filer) throw new Error(`No state user for ${stateCode}`);
  let clock = EPOCH + n * 60_000;
  const tick = () => new Date((clock += 1000)).toISOString();

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
  const submitChange = (c: Contract, reason: string | null): ContractChange => ({
    kind: 'SUBMIT',
    revisionId: draft(c).id,
    formData: draft(c).formData,
    submitted: { at: new Date(clock + 1000).toISOString(), by: actorRef(filer), reason },
  });

  await apply(
    'SAVE_DRAFT',
    filer,
    { kind: 'SAVE_DRAFT', revisionId: draft(contract).id, formData: form(stateCode, n, 'Complete.') },
    draft(contract).id,
  );
  if (n % 5 === 4) return; // one in five stays a draft
  await apply('SUBMIT', filer, submitChange(contract, null), draft(contract).id);

  if (n % 3 === 0) {
    const reopened = newId();
    await apply(
      'UNLOCK',
      people.cms,
      {
        kind: 'UNLOCK',
        revision: { id: reopened, formData: draft(contract).formData },
        unlocked: {
          at: new Date(clock + 1000).toISOString(),
          by: actorRef(people.cms),
          reason: 'Fix the dates',
        },
      },
      reopened,
      'Fix the dates',
    );
    await apply(
      'SAVE_DRAFT',
      filer,
      { kind: 'SAVE_DRAFT', revisionId: reopened, formData: form(stateCode, n, 'Dates fixed.') },
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
 * Seeds the reference data and writes `contracts` filings (with users, sessions and events) into a migrated
 * datastore. `concurrency` contracts are filed at a time.
 */
export async function generateFilings(
  datastore: Datastore,
  options: { contracts: number; concurrency?: number; onProgress?: (filed: number) => void },
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
      await fileContract(datastore, mine, { state, cms, approver });
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
