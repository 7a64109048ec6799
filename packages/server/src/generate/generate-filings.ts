import type { BlobStore } from '@docket/blobs';
import { newId, STATES, type AuditEvent, type Role, type User } from '@docket/domain';
import type { Datastore, Session, StateRecord, UserWithCredentials } from '@docket/store';
import { DEMO_ACCOUNTS } from '../use-cases/demo-accounts';
import { seedReferenceData } from '../use-cases/seed-reference-data';
import {
  event,
  GENERATION_EPOCH,
  planFiling,
  variantOf,
  type FilingPeople,
  type FilingPlan,
} from './filing-plan';
import { filingRecords, type FilingRecords, type StateNumbering } from './filing-records';
import { metadataOnlyDocuments, noDocuments, storedDocuments, type DocumentMaker } from './generated-forms';

/**
 * Realistic data sets for tests, benchmarks and trying Docket at scale, written through the datastore port:
 * users of every role (with their CREATE_USER events and a session each), and filings in every state (one after
 * the other in the order of the reference states), each through its lifecycle with its audit events, rates and
 * documents (see filing-plan.ts).
 *
 * Two ways to write the same plans: `changes` hands every change to `ContractStore.create` and `apply`, one at a
 * time, as the use cases do; `bulk` folds each filing into whole records and writes them a batch at a time with
 * `DataTransfer.write` (the path copies and restores take), several batches at once, which is one to two orders
 * of magnitude faster. A test holds the two to the same records.
 */

/** Generated users' emails end with this; they are told apart from real users by it. */
export const GENERATED_EMAIL_DOMAIN = 'generated.example.gov';

/**
 * A well-formed argon2id hash of a password nobody knows: generated users exist, but cannot log in.
 */
const UNUSABLE_PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$ZG9ja2V0LXRlc3Q$9x8NqjJq2dTQ1FfKqB4W8w';

export interface GenerateOptions {
  filings: number;
  /** `bulk` (the default) or `changes` (see above). */
  write?: 'bulk' | 'changes';
  /** Filings per batch written in bulk (default 200). */
  batchSize?: number;
  /** Batches written at once in bulk, filings filed at once change by change (default 4). */
  concurrency?: number;
  /**
   * The filings' documents: stored in a blob store, `described` (the default: references to bytes never stored,
   * see generated-forms.ts) or `none`.
   */
  documents?: BlobStore | 'described' | 'none';
  /** Called after each filing (change by change) or batch (bulk) with how many filings are written. */
  onProgress?: (filed: number) => void;
}

export interface GenerationResult {
  filings: number;
  users: number;
  /** Contract revisions, rates (with their revisions) and events written for the filings. */
  revisions: number;
  rates: number;
  events: number;
}

/** The state of filing `n`: the reference states in turn. */
export function stateOfFiling(n: number): string {
  const state = STATES[n % STATES.length];
  if (!state) throw new Error('No reference states');
  return state.code;
}

/** Plans filing `n` of a generation: its state, and its path through the lifecycle, follow from `n`. */
export function planNthFiling(
  n: number,
  people: FilingPeople,
  documents: DocumentMaker,
): Promise<FilingPlan> {
  return planFiling(n, variantOf(n, STATES.length), stateOfFiling(n), people, documents);
}

/**
 * The users of a datastore that neither a generation nor the demo made, by email (at most `limit` of them): a
 * generation into a datastore that has any is refused unless forced, since it would mix made-up filings with real
 * ones.
 */
export async function realUsers(datastore: Datastore, limit = 5): Promise<string[]> {
  const demo = new Set(DEMO_ACCOUNTS.map((a) => a.email.toLowerCase()));
  const found: string[] = [];
  for await (const batch of datastore.transfer.read('users', { batchSize: 500 })) {
    for (const { user } of batch.records) {
      const email = user.email.toLowerCase();
      if (!email.endsWith(`@${GENERATED_EMAIL_DOMAIN}`) && !demo.has(email)) found.push(user.email);
      if (found.length >= limit) return found;
    }
  }
  return found;
}

export interface PlannedPeople {
  people: FilingPeople;
  users: UserWithCredentials[];
  /** CREATE_USER events, in the order of `users`, then one LOGIN. */
  events: AuditEvent[];
  sessions: Session[];
}

function person(role: Role, stateCode: string | null, n: number, run: string): User {
  return {
    id: newId(),
    email: `${role.toLowerCase().replace('_', '-')}.${n}.${run}@${GENERATED_EMAIL_DOMAIN}`,
    givenName: 'Generated',
    familyName: `${role} ${n}`,
    role,
    stateCode,
    division: role === 'CMS_USER' || role === 'CMS_APPROVER' ? 'DMCO' : null,
    assignedStates: role === 'CMS_USER' ? STATES.slice(0, 2).map((s) => s.code) : [],
    disabled: n % 11 === 10,
    createdAt: new Date(GENERATION_EPOCH - 86_400_000 + n * 1000).toISOString(),
    version: 1,
    mustChangePassword: false,
  };
}

/** A state user for each state that gets filings, an analyst, an approver, and one user of each other role. */
export function planPeople(filings: number): PlannedPeople {
  const run = newId().slice(-8);
  const users: User[] = [];
  const stateUsers = new Map<string, User>();
  for (const state of STATES.slice(0, Math.min(filings, STATES.length))) {
    const user = person('STATE_USER', state.code, users.length, run);
    stateUsers.set(state.code, user);
    users.push(user);
  }
  const analyst = person('CMS_USER', null, users.length, run);
  users.push(analyst);
  const approver = person('CMS_APPROVER', null, users.length, run);
  users.push(approver);
  for (const role of ['ADMIN', 'HELPDESK', 'READONLY'] as const)
    users.push(person(role, null, users.length, run));
  const at = new Date(GENERATION_EPOCH).toISOString();
  const sessions = [...stateUsers.values(), analyst, approver].map((user) => ({
    id: `session-${newId()}`,
    userId: user.id,
    csrfToken: `csrf-${newId()}`,
    createdAt: at,
    expiresAt: new Date(GENERATION_EPOCH + 8 * 3_600_000).toISOString(),
    idleExpiresAt: new Date(GENERATION_EPOCH + 8 * 3_600_000).toISOString(),
  }));
  const events = users.map((user) =>
    event('CREATE_USER', user.createdAt, null, {
      stateCode: user.stateCode,
      details: { userId: user.id, email: user.email, role: user.role },
    }),
  );
  events.push(event('LOGIN', at, analyst));
  return {
    people: { stateUsers, analyst, approver },
    users: users.map((user) => ({ user, passwordHash: UNUSABLE_PASSWORD_HASH })),
    events,
    sessions,
  };
}

/**
 * Seeds the reference data, then writes the users and `filings` filings into a migrated datastore (adding to
 * what it holds; the states' counters go on from where they are). Nothing else should write to the datastore
 * meanwhile: in bulk, the states' counters are set, not incremented.
 */
export async function generateFilings(
  datastore: Datastore,
  options: GenerateOptions,
): Promise<GenerationResult> {
  await seedReferenceData(datastore.states);
  const people = planPeople(options.filings);
  const documents =
    options.documents === 'none'
      ? noDocuments
      : options.documents === 'described' || options.documents === undefined
        ? metadataOnlyDocuments
        : storedDocuments(options.documents);
  return writeGeneration(datastore, people, (n) => planNthFiling(n, people.people, documents), options);
}

/**
 * Writes planned users and filings `0 … options.filings - 1` (planned by `plan`, in that order) into a datastore
 * whose reference data is seeded, change by change or in bulk.
 */
export async function writeGeneration(
  datastore: Datastore,
  people: PlannedPeople,
  plan: (n: number) => Promise<FilingPlan>,
  options: Omit<GenerateOptions, 'documents'>,
): Promise<GenerationResult> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const totals: GenerationResult = {
    filings: options.filings,
    users: people.users.length,
    revisions: 0,
    rates: 0,
    events: people.events.length,
  };
  const count = (records: FilingRecords) => {
    totals.revisions += records.contract.revisions.length;
    totals.rates += records.rates.reduce((sum, rate) => sum + 1 + rate.revisions.length, 0);
    totals.events += records.events.length;
  };

  if (options.write === 'changes') {
    await writePeopleChangeByChange(datastore, people);
    let next = 0;
    let filed = 0;
    const worker = async () => {
      while (next < options.filings) {
        const filing = await plan(next++);
        await datastore.contracts.create(filing.contract);
        for (const [index, { at, change, event: recorded }] of filing.changes.entries()) {
          await datastore.contracts.apply(filing.contract.id, {
            expectedVersion: index + 1,
            at,
            change,
            event: recorded,
          });
        }
        count(filingRecords(filing, uncounted));
        options.onProgress?.(++filed);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, options.filings) }, worker));
    return totals;
  }

  await datastore.transfer.write('users', people.users);
  await datastore.transfer.write('sessions', people.sessions);
  await datastore.transfer.write('events', people.events);
  const batchSize = Math.max(1, options.batchSize ?? 200);
  // Numbers for ten batches at a time, whichever states they go to.
  const numbering = new Counters(await datastore.states.listStates(), batchSize * 10);
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  let filed = 0;
  for (let first = 0; first < options.filings && failure === null; first += batchSize) {
    const plans: FilingPlan[] = [];
    for (let n = first; n < Math.min(first + batchSize, options.filings); n++) plans.push(await plan(n));
    const records = plans.map((p) => filingRecords(p, numbering));
    records.forEach(count);
    // The counters are stored ahead of the filings they number: an interrupted run leaves gaps, never repeats.
    await datastore.transfer.write('states', numbering.toReserve());
    const write = (async () => {
      await datastore.transfer.write(
        'contracts',
        records.map((r) => r.contract),
      );
      await datastore.transfer.write(
        'rates',
        records.flatMap((r) => r.rates),
      );
      await datastore.transfer.write(
        'events',
        records.flatMap((r) => r.events),
      );
      filed += plans.length;
      options.onProgress?.(filed);
    })().catch((error: unknown) => {
      failure ??= error;
    });
    inFlight.add(write);
    void write.finally(() => inFlight.delete(write));
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure !== null) throw failure;
  await datastore.transfer.write('states', numbering.toSettle());
  return totals;
}

/** Numbers for counting records only: the real ones are the store's (change by change) or {@link Counters}'. */
const uncounted: StateNumbering = { nextContractNumber: () => 0, nextRateNumbers: () => 0 };

/**
 * The states' counters, moved on in memory as filings are numbered. What the store holds is kept ahead of them by
 * a reserve of numbers, so that the states are written only now and then rather than before every batch, and
 * set to the exact counters at the end: an interrupted run leaves gaps, never a number handed out twice.
 */
class Counters implements StateNumbering {
  private readonly states: Map<string, StateRecord>;
  /** The counters as last written to the store, with their reserve. */
  private readonly written: Map<string, StateRecord>;

  constructor(
    states: readonly StateRecord[],
    private readonly reserve: number,
  ) {
    this.states = new Map(states.map((s) => [s.code, { ...s }]));
    this.written = new Map(states.map((s) => [s.code, { ...s }]));
  }

  private state(code: string): StateRecord {
    const state = this.states.get(code);
    if (!state) throw new Error(`State ${code} is not stored`);
    return state;
  }

  nextContractNumber(code: string): number {
    return (this.state(code).lastContractNumber += 1);
  }

  nextRateNumbers(code: string, count: number): number {
    const state = this.state(code);
    state.lastRateNumber += count;
    return state.lastRateNumber - count + 1;
  }

  /** The states whose numbers handed out have caught up with what the store holds, moved on by the reserve. */
  toReserve(): StateRecord[] {
    const due: StateRecord[] = [];
    for (const state of this.states.values()) {
      const written = this.written.get(state.code);
      if (
        written &&
        state.lastContractNumber <= written.lastContractNumber &&
        state.lastRateNumber <= written.lastRateNumber
      ) {
        continue;
      }
      const ahead = {
        ...state,
        lastContractNumber: state.lastContractNumber + this.reserve,
        lastRateNumber: state.lastRateNumber + this.reserve,
      };
      this.written.set(state.code, ahead);
      due.push(ahead);
    }
    return due;
  }

  /** The states whose stored counters differ from the numbers handed out, set to those. */
  toSettle(): StateRecord[] {
    return [...this.states.values()].filter((state) => {
      const written = this.written.get(state.code);
      return (
        written?.lastContractNumber !== state.lastContractNumber ||
        written.lastRateNumber !== state.lastRateNumber
      );
    });
  }
}

async function writePeopleChangeByChange(datastore: Datastore, planned: PlannedPeople): Promise<void> {
  for (const [index, { user, passwordHash }] of planned.users.entries()) {
    const created = planned.events[index];
    if (!created) throw new Error('A generated user without its event');
    await datastore.users.create({ user, passwordHash, event: created });
  }
  for (const session of planned.sessions) await datastore.sessions.create(session);
  for (const recorded of planned.events.slice(planned.users.length)) await datastore.events.append(recorded);
}
