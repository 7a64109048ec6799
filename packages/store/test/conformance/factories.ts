import {
  contractFormDraftSchema,
  newId,
  rateFormDraftSchema,
  upgradeContractForm,
  type AuditEvent,
  type Contract,
  type ContractFormData,
  type ContractFormInput,
  type EventAction,
  type Rate,
  type RateFormData,
  type RateFormInput,
  type RateLink,
  type RateRevision,
  type ReversalInfo,
  type ReviewAction,
  type ReviewerAssignment,
  type User,
} from '@docket/domain';
import {
  buildActor,
  buildDocument,
  buildUser as buildAnyUser,
  completeContractForm,
  completeDetails,
  completeRateForm,
} from '@docket/domain/testing';
import type { ContractChange, NewContract, RateWrites } from '../../src/contract-store';
import type { Datastore } from '../../src/datastore';
import { MAX_PAGE_SIZE, type Page, type PageRequest } from '../../src/page';
import type { Session } from '../../src/session-store';

/**
 * Test data built in code, not loaded from fixtures: every builder gives a valid record with fresh ids, and takes
 * overrides for what a test cares about. Tests share one datastore per file, so they isolate themselves with
 * fresh ids and fresh states rather than by emptying tables.
 */

/** A fixed instant to build times from, with millisecond precision as the domain uses. */
export const T0 = '2026-01-02T03:04:05.678Z';

/** `base` moved by `ms` milliseconds, as an ISO string. */
export function at(ms: number, base: string = T0): string {
  return new Date(Date.parse(base) + ms).toISOString();
}

function randomLetters(count: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let out = '';
  for (let i = 0; i < count; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

/** Stores a state of the test's own, with counters at zero, and returns its code. */
export async function freshState(datastore: Datastore): Promise<string> {
  const code = `T${randomLetters(7)}`;
  await datastore.states.upsertStates([{ code, name: `Test state ${code}` }]);
  return code;
}

export { buildActor, buildDocument };

/** A CMS user assigned two states (so that every column of a user is written), created at `T0`. */
export function buildUser(overrides: Partial<User> = {}): User {
  return buildAnyUser({
    role: 'CMS_USER',
    stateCode: null,
    division: 'DMCO',
    assignedStates: ['MN', 'WI'],
    createdAt: T0,
    ...overrides,
  });
}

export function buildEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: newId(),
    at: T0,
    actor: buildActor(),
    action: 'LOGIN',
    reason: null,
    stateCode: null,
    contractId: null,
    revisionId: null,
    details: { source: 'test', attempt: 1, remembered: true, note: null },
    ...overrides,
  };
}

/** A session; unless told otherwise it idles out when it expires, so only its absolute lifetime matters. */
export function buildSession(overrides: Partial<Session> = {}): Session {
  const expiresAt = overrides.expiresAt ?? at(60 * 60 * 1000);
  return {
    id: `session-${newId()}`,
    userId: newId(),
    csrfToken: `csrf-${newId()}`,
    createdAt: T0,
    ...overrides,
    expiresAt,
    idleExpiresAt: overrides.idleExpiresAt ?? expiresAt,
  };
}

/** Complete answers of a contract, its document with fresh ids. */
export function buildFormData(overrides: ContractFormInput = {}): ContractFormData {
  const contractDetails = completeDetails({ contractDocuments: [buildDocument({ name: 'contract.pdf' })] });
  return contractFormDraftSchema.parse({ ...completeContractForm({ contractDetails }), ...overrides });
}

export function buildContractInput(stateCode: string, overrides: Partial<NewContract> = {}): NewContract {
  const id = overrides.id ?? newId();
  const revisionId = overrides.revisionId ?? newId();
  const time = overrides.at ?? T0;
  return {
    id,
    stateCode,
    revisionId,
    formData: buildFormData(),
    at: time,
    event: buildEvent({ action: 'CREATE_CONTRACT', at: time, stateCode, contractId: id, revisionId }),
    ...overrides,
  };
}

/** The unsubmitted latest revision; fails the test when there is none. */
export function draftOf(contract: Contract): Contract['revisions'][number] {
  const last = contract.revisions.at(-1);
  if (!last || last.submitted) throw new Error(`Contract ${contract.id} has no draft`);
  return last;
}

/** One kind of contract change, e.g. `ChangeOf<'SUBMIT'>`. */
export type ChangeOf<K extends ContractChange['kind']> = Extract<ContractChange, { kind: K }>;

/** The input of `ContractStore.apply` for one change, with the event the use case would record. */
export interface ApplyInput {
  expectedVersion: number;
  at: string;
  change: ContractChange;
  event: AuditEvent;
}

const EVENT_ACTION: Record<ContractChange['kind'], EventAction> = {
  SAVE_DRAFT: 'SAVE_DRAFT',
  SUBMIT: 'SUBMIT',
  UNLOCK: 'UNLOCK',
  DISCARD_DRAFT: 'UNDO_UNLOCK',
  REVIEW_ACTION: 'APPROVE',
  SET_MCCRS_ID: 'SET_MCCRS_ID',
  ADOPT_RATES: 'REPARENT_RATE',
  RATE_REVIEW: 'WITHDRAW_RATE',
};

/** Wraps a change of `contract` (at its current version) with its event. */
export function buildApply(
  contract: Contract,
  change: ContractChange,
  overrides: { at?: string; event?: Partial<AuditEvent>; expectedVersion?: number } = {},
): ApplyInput {
  const time = overrides.at ?? at(contract.version * 1000);
  const revisionId =
    'revisionId' in change ? change.revisionId : change.kind === 'UNLOCK' ? change.revision.id : null;
  return {
    expectedVersion: overrides.expectedVersion ?? contract.version,
    at: time,
    change,
    event: buildEvent({
      action: EVENT_ACTION[change.kind],
      at: time,
      stateCode: contract.stateCode,
      contractId: contract.id,
      revisionId,
      ...overrides.event,
    }),
  };
}

/** What a contract change factory may add to its change: the revision's rate links and writes to its rates. */
export interface RateOptions {
  /** The links the revision gets; by default the ones the contract's latest revision has. */
  rateLinks?: RateLink[];
  rates?: RateWrites;
}

function withRates<C extends ContractChange>(change: C, rates: RateWrites | undefined): C {
  return rates === undefined ? change : { ...change, rates };
}

export function saveDraft(
  contract: Contract,
  formData: ContractFormData = buildFormData(),
  options: RateOptions = {},
): ChangeOf<'SAVE_DRAFT'> {
  const draft = draftOf(contract);
  return withRates(
    { kind: 'SAVE_DRAFT', revisionId: draft.id, formData, rateLinks: options.rateLinks ?? draft.rateLinks },
    options.rates,
  );
}

export function submit(
  contract: Contract,
  options: { at?: string; reason?: string | null } & RateOptions = {},
): ChangeOf<'SUBMIT'> {
  const draft = draftOf(contract);
  return withRates(
    {
      kind: 'SUBMIT',
      revisionId: draft.id,
      formData: upgradeContractForm(draft.formData),
      rateLinks: options.rateLinks ?? draft.rateLinks,
      submitted: {
        at: options.at ?? at(contract.version * 1000),
        by: buildActor(),
        reason: options.reason ?? null,
      },
    },
    options.rates,
  );
}

export function unlock(contract: Contract, options: { at?: string } & RateOptions = {}): ChangeOf<'UNLOCK'> {
  const last = contract.revisions.at(-1);
  return withRates(
    {
      kind: 'UNLOCK',
      revision: {
        id: newId(),
        formData: last ? upgradeContractForm(last.formData) : buildFormData(),
        rateLinks: options.rateLinks ?? last?.rateLinks ?? [],
      },
      unlocked: {
        at: options.at ?? at(contract.version * 1000),
        by: buildActor({ role: 'CMS_USER' }),
        reason: 'Please fix the dates',
      },
    },
    options.rates,
  );
}

export function discardDraft(
  contract: Contract,
  options: Pick<RateOptions, 'rates'> & { reversal?: ReversalInfo } = {},
): ChangeOf<'DISCARD_DRAFT'> {
  return withRates(
    { kind: 'DISCARD_DRAFT', revisionId: draftOf(contract).id, reversal: options.reversal ?? reversal() },
    options.rates,
  );
}

export function reviewAction(overrides: Partial<ReviewAction> = {}): ChangeOf<'REVIEW_ACTION'> {
  return {
    kind: 'REVIEW_ACTION',
    reviewAction: {
      id: newId(),
      action: 'APPROVE',
      at: T0,
      by: buildActor({ role: 'CMS_APPROVER' }),
      reason: null,
      dateApprovalReleasedToState: '2026-01-02',
      ...overrides,
    },
  };
}

/** Complete answers of a new rate certification, its document and program with fresh ids. */
export function buildRateFormData(overrides: RateFormInput = {}): RateFormData {
  const fresh = completeRateForm({ rateDocuments: [buildDocument()], rateProgramIDs: [newId()] });
  return rateFormDraftSchema.parse({ ...fresh, ...overrides });
}

/** A new rate for `RateWrites.create`, with fresh ids. */
export function newRate(
  formData: RateFormData = buildRateFormData(),
): NonNullable<RateWrites['create']>[number] {
  return { id: newId(), revisionId: newId(), formData };
}

/** The unsubmitted latest revision of a rate; fails the test when there is none. */
export function rateDraftOf(rate: Rate): RateRevision {
  const last = rate.revisions.at(-1);
  if (!last || last.submitted) throw new Error(`Rate ${rate.id} has no draft`);
  return last;
}

/** A draft link to each rate (following the rate), in order. */
export function draftLinks(...rateIds: string[]): RateLink[] {
  return rateIds.map((rateId) => ({ rateId, rateRevisionId: null }));
}

/** A link fixed to each rate's latest revision, as a submission records them. */
export function fixedLinks(...rates: Rate[]): RateLink[] {
  return rates.map((rate) => ({ rateId: rate.id, rateRevisionId: rate.revisions.at(-1)?.id ?? null }));
}

export function saveRate(
  rate: Rate,
  formData: RateFormData = buildRateFormData(),
): NonNullable<RateWrites['save']>[number] {
  return { rateId: rate.id, revisionId: rateDraftOf(rate).id, formData };
}

export function submitRate(
  rate: Rate,
  options: { at?: string; reason?: string | null } = {},
): NonNullable<RateWrites['submit']>[number] {
  const draft = rateDraftOf(rate);
  return {
    rateId: rate.id,
    revisionId: draft.id,
    formData: draft.formData,
    submitted: { at: options.at ?? T0, by: buildActor(), reason: options.reason ?? null },
  };
}

export function openRate(rate: Rate, options: { at?: string } = {}): NonNullable<RateWrites['open']>[number] {
  const last = rate.revisions.at(-1);
  return {
    rateId: rate.id,
    revision: { id: newId(), formData: last?.formData ?? buildRateFormData() },
    unlocked: { at: options.at ?? T0, by: buildActor({ role: 'CMS_USER' }), reason: 'Please fix the rates' },
  };
}

/** An undo unlock's reversal, by an administrator. */
export function reversal(overrides: Partial<ReversalInfo> = {}): ReversalInfo {
  return { at: T0, by: buildActor({ role: 'ADMIN' }), reason: 'Unlocked by mistake', ...overrides };
}

/** A discard of the rate's draft as a save or a submission makes it (the draft is gone). */
export function discardRate(rate: Rate): NonNullable<RateWrites['discard']>[number] {
  return { rateId: rate.id, revisionId: rateDraftOf(rate).id };
}

/** An undo unlock's discard of the rate's draft, which keeps it as a reversed revision. */
export function reverseRate(
  rate: Rate,
  kept: ReversalInfo = reversal(),
): NonNullable<RateWrites['discard']>[number] {
  return { rateId: rate.id, revisionId: rateDraftOf(rate).id, reversal: kept };
}

/** Every item of a paged list, read page by page with `limit`; checks that no page is larger than asked. */
export async function allPages<T>(
  list: (page: PageRequest) => Promise<Page<T>>,
  limit: number = MAX_PAGE_SIZE,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await list({ limit, cursor });
    if (page.items.length > limit)
      throw new Error(`A page of ${page.items.length} items, asked for ${limit}`);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return out;
}

/** Every event of the log, newest first. */
export function allEvents(datastore: Datastore): Promise<AuditEvent[]> {
  return allPages((page) => datastore.events.list(page));
}

/** A reviewer assignment of a new CMS user (or of `userId`), assigned at `at` by a CMS actor. */
export function buildReviewerAssignment(
  overrides: { userId?: string; email?: string; at?: string } = {},
): ReviewerAssignment {
  const userId = overrides.userId ?? newId();
  return {
    userId,
    email: overrides.email ?? `reviewer.${userId}@example.test`,
    name: 'Rita Reviewer',
    role: 'CMS_USER',
    assignedBy: buildActor({ role: 'ADMIN' }),
    assignedAt: overrides.at ?? T0,
  };
}
