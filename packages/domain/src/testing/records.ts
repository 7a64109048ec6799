import type { Contract, ContractRevision, ReviewActionType, SubmitInfo, UnlockInfo } from '../contract';
import type { StoredContractForm } from '../contract-form';
import { newId } from '../ids';
import type { Rate, RateRevision } from '../rate';
import type { RateFormData } from '../rate-form';
import type { ActorRef, Role, User } from '../users';
import { completeContractForm, completeRateForm } from './forms';

/** Records built in code, for the tests of every package: valid records with fresh ids, and overrides. */

export function buildUser(overrides: Partial<User> = {}): User {
  const id = newId();
  return {
    id,
    email: `user-${id}@example.gov`,
    givenName: 'Pat',
    familyName: 'Doe',
    role: 'STATE_USER',
    stateCode: 'MN',
    division: null,
    assignedStates: [],
    disabled: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    mustChangePassword: false,
    ...overrides,
  };
}

/** A user of the role, with the state (state users) or division (CMS users) the role carries. */
export function userWithRole(role: Role, stateCode = 'MN'): User {
  return buildUser({
    role,
    stateCode: role === 'STATE_USER' ? stateCode : null,
    division: role === 'CMS_USER' || role === 'CMS_APPROVER' ? 'DMCO' : null,
  });
}

export function buildActor(overrides: Partial<ActorRef> = {}): ActorRef {
  return {
    userId: newId(),
    email: 'actor@example.test',
    name: 'Ada Actor',
    role: 'STATE_USER',
    ...overrides,
  };
}

/** What a contract revision and a rate revision share, numbered `number`: opened at `at` by the unlock `unlocked`. */
function revisionBase(number: number, at: string, unlocked: UnlockInfo | null) {
  return { id: newId(), number, createdAt: at, updatedAt: at, submitted: null, unlocked };
}

/** An unsubmitted revision of contract `contractId` holding `formData`, opened at `at` (by `unlocked` after the first). */
export function buildRevision(
  contractId: string,
  number: number,
  formData: StoredContractForm,
  at: string,
  unlocked: UnlockInfo | null = null,
): ContractRevision {
  return { ...revisionBase(number, at, unlocked), contractId, formData, rateLinks: [] };
}

/** An unsubmitted revision of rate `rateId` holding `formData`, opened at `at` (by `unlocked` after the first). */
export function buildRateRevision(
  rateId: string,
  number: number,
  formData: RateFormData,
  at: string,
  unlocked: UnlockInfo | null = null,
): RateRevision {
  return { ...revisionBase(number, at, unlocked), rateId, formData };
}

const actor: ActorRef = { userId: 'u', email: 'u@example.gov', name: 'U', role: 'STATE_USER' };
const AT = '2026-02-01T00:00:00.000Z';
const unlockedAt = (number: number, at: string): UnlockInfo | null =>
  number > 1 ? { at, by: actor, reason: 'fix it' } : null;
/** A Minnesota filing (a contract or a rate), created and last changed at `AT`. */
const filed = (stateNumber: number) => ({ stateCode: 'MN', stateNumber, createdAt: AT, updatedAt: AT });

/** The steps of a filing's history, replayed into a contract the way the store would hold it. */
export type HistoryStep = 'submit' | 'unlock' | ReviewActionType;

export function buildContract(
  steps: HistoryStep[] = [],
  form: StoredContractForm = completeContractForm(),
): Contract {
  const id = newId();
  const revision = (number: number) => buildRevision(id, number, form, AT, unlockedAt(number, AT));
  const contract: Contract = {
    id,
    ...filed(1),
    version: 1,
    mccrsId: null,
    revisions: [revision(1)],
    reviewActions: [],
    reversedRevisions: [],
  };
  for (const step of steps) {
    const last = contract.revisions.at(-1)!;
    if (step === 'submit') last.submitted = { at: AT, by: actor, reason: last.number > 1 ? 'fixed' : null };
    else if (step === 'unlock') contract.revisions.push(revision(last.number + 1));
    else
      contract.reviewActions.push({
        id: newId(),
        action: step,
        at: AT,
        by: actor,
        reason: 'because',
        dateApprovalReleasedToState: step === 'APPROVE' ? '2026-02-01' : null,
      });
    contract.version += 1;
  }
  return contract;
}

/**
 * A rate whose revisions replay the given steps (each unlock opens a new revision), as the store would hold it.
 * Revision `n` is submitted on day `n` of February 2026.
 */
export function buildRate(
  steps: ('submit' | 'unlock')[] = [],
  form: RateFormData = completeRateForm(),
  stateNumber = 7,
): Rate {
  const id = newId();
  const revision = (number: number) => buildRateRevision(id, number, form, AT, unlockedAt(number, AT));
  const rate: Rate = {
    id,
    ...filed(stateNumber),
    parentContractId: newId(),
    revisions: [revision(1)],
    reversedRevisions: [],
    reviewActions: [],
  };
  for (const step of steps) {
    const last = rate.revisions.at(-1)!;
    if (step === 'submit') {
      const day = String(last.number).padStart(2, '0');
      const submitted: SubmitInfo = { at: `2026-02-${day}T00:00:00.000Z`, by: actor, reason: null };
      last.submitted = submitted;
    } else rate.revisions.push(revision(last.number + 1));
  }
  return rate;
}
