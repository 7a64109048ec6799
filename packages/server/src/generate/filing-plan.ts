import {
  actorRef,
  newId,
  upgradeContractForm,
  type AuditEvent,
  type ContractAction,
  type ContractFormData,
  type DocumentRef,
  type EventAction,
  type RateFormData,
  type RateLink,
  type User,
} from '@docket/domain';
import type { ContractChange, NewContract, RateWrites } from '@docket/store';
import {
  contractForm,
  hasRates,
  pdfBytes,
  rateForm,
  type ContractDocuments,
  type DocumentMaker,
} from './generated-forms';

/**
 * The life of one generated filing, planned before anything is written: the create and every change after it,
 * each with its time and audit event, exactly as the use cases would hand them to `ContractStore.create` and
 * `apply`. Drafts are saved, submitted, one in three unlocked, fixed and resubmitted (with their rates opened and
 * resubmitted too), one in four approved, one in seven given an MC-CRS number; one in five stays a draft. Half
 * the filings carry one or two rates. A plan can be written change by change through the contract store, or
 * folded into whole records and written in bulk (filing-records.ts): both give the same records.
 */

/** Filings are dated from here on, a minute apart, so runs are comparable. */
export const GENERATION_EPOCH = Date.parse('2025-01-06T14:00:00.000Z');

/** One change to a filing, applied on top of the version before it (the create gives version 1). */
export interface PlannedChange {
  at: string;
  change: ContractChange;
  event: AuditEvent;
}

export interface FilingPlan {
  /** The filing's number in the generation run; it decides its state and its path through the lifecycle. */
  n: number;
  contract: NewContract;
  changes: PlannedChange[];
}

/** Who files and reviews: a state user for each state with filings, an analyst and an approver. */
export interface FilingPeople {
  stateUsers: ReadonlyMap<string, User>;
  analyst: User;
  approver: User;
}

export function event(
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

/** The same attestation, uploaded again by many filings under new keys. */
const SHARED_ATTESTATION = pdfBytes(42);

/** A rate the filing owns, as the plan tracks it: its id, its latest revision and that revision's answers. */
interface OwnedRate {
  id: string;
  revisionId: string;
  formData: RateFormData;
}

const draftLinks = (rates: OwnedRate[]): RateLink[] =>
  rates.map((r) => ({ rateId: r.id, rateRevisionId: null }));
const fixedLinks = (rates: OwnedRate[]): RateLink[] =>
  rates.map((r) => ({ rateId: r.id, rateRevisionId: r.revisionId }));

/**
 * Which path through the lifecycle filing `n` takes, and the variations of its answers. Filings go to the states
 * in turn (`generate-filings.ts`), and there is an even number of them: on `n` alone, the filings with rates (odd
 * `n`) would all fall in every other state. Shifting by one at each round of the states gives every state every
 * path, and leaves the first round as it is.
 */
export function variantOf(n: number, states: number): number {
  return n + Math.floor(n / states);
}

/**
 * Plans filing `n` of `stateCode`, taking path `variant` (see {@link variantOf}), making its documents with
 * `documents`.
 */
export async function planFiling(
  n: number,
  variant: number,
  stateCode: string,
  people: FilingPeople,
  documents: DocumentMaker,
): Promise<FilingPlan> {
  const v = variant;
  const filer = people.stateUsers.get(stateCode);
  if (!filer) throw new Error(`No state user for ${stateCode}`);
  let clock = GENERATION_EPOCH + n * 60_000;
  const tick = () => new Date((clock += 1000)).toISOString();
  const document = async (name: string, bytes: Buffer | null = null): Promise<DocumentRef[]> => {
    const made = await documents(name, bytes, filer.id, new Date(clock).toISOString());
    return made ? [made] : [];
  };
  // The contract and a redlined copy; one in four adds the shared attestation.
  const contractDocuments = async (round: string): Promise<ContractDocuments> => ({
    contract: await document(`contract-${n}-${round}.pdf`),
    supporting: [
      ...(await document(`redline-${n}-${round}.pdf`)),
      ...(v % 4 === 0 ? await document(`attestation-${n}.pdf`, SHARED_ATTESTATION) : []),
    ],
  });

  const id = newId();
  const firstRevision = newId();
  const created = tick();
  const contract: NewContract = {
    id,
    stateCode,
    revisionId: firstRevision,
    formData: contractForm(stateCode, v, 'First draft.'),
    at: created,
    event: event('CREATE_CONTRACT', created, filer, { stateCode, contractId: id, revisionId: firstRevision }),
  };
  const changes: PlannedChange[] = [];
  let draftId = firstRevision;
  let draftForm: ContractFormData = contract.formData;
  const plan = (
    action: ContractAction,
    user: User,
    change: ContractChange,
    eventRevisionId: string | null,
    reason: string | null = null,
  ) => {
    const at = tick();
    changes.push({
      at,
      change,
      event: event(action, at, user, { reason, stateCode, contractId: id, revisionId: eventRevisionId }),
    });
  };

  let rates: OwnedRate[] = [];
  const submitChange = (reason: string | null): ContractChange => {
    const submitted = { at: new Date(clock + 1000).toISOString(), by: actorRef(filer), reason };
    const writes: RateWrites = {
      submit: rates.map((r) => ({ rateId: r.id, revisionId: r.revisionId, formData: r.formData, submitted })),
    };
    return {
      kind: 'SUBMIT',
      revisionId: draftId,
      formData: upgradeContractForm(draftForm),
      rateLinks: fixedLinks(rates),
      submitted,
      ...(rates.length > 0 ? { rates: writes } : {}),
    };
  };

  if (hasRates(v)) {
    const count = v % 4 === 3 ? 2 : 1;
    for (let i = 0; i < count; i++) {
      rates.push({
        id: newId(),
        revisionId: newId(),
        formData: rateForm(stateCode, v, await document(`rate-${n}-${i}.pdf`)),
      });
    }
  }
  draftForm = contractForm(stateCode, v, 'Complete.', await contractDocuments('first'));
  plan(
    'SAVE_DRAFT',
    filer,
    {
      kind: 'SAVE_DRAFT',
      revisionId: draftId,
      formData: draftForm,
      rateLinks: draftLinks(rates),
      ...(rates.length > 0 ? { rates: { create: rates } } : {}),
    },
    draftId,
  );
  if (v % 5 === 4) return { n, contract, changes }; // one in five stays a draft
  plan('SUBMIT', filer, submitChange(null), draftId);

  if (v % 3 === 0) {
    const reopened = newId();
    const unlocked = {
      at: new Date(clock + 1000).toISOString(),
      by: actorRef(people.analyst),
      reason: 'Fix the dates',
    };
    rates = rates.map((r) => ({ ...r, revisionId: newId() }));
    plan(
      'UNLOCK',
      people.analyst,
      {
        kind: 'UNLOCK',
        revision: { id: reopened, formData: upgradeContractForm(draftForm), rateLinks: draftLinks(rates) },
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
    draftId = reopened;
    const fixed: OwnedRate[] = [];
    for (const [i, r] of rates.entries()) {
      fixed.push({
        ...r,
        formData: rateForm(stateCode, v + 1, await document(`rate-${n}-${i}-fixed.pdf`)),
      });
    }
    rates = fixed;
    draftForm = contractForm(stateCode, v, 'Dates fixed.', await contractDocuments('fixed'));
    plan(
      'SAVE_DRAFT',
      filer,
      {
        kind: 'SAVE_DRAFT',
        revisionId: reopened,
        formData: draftForm,
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
    plan('RESUBMIT', filer, submitChange('Dates fixed'), reopened, 'Dates fixed');
  }
  if (v % 4 === 1) {
    const when = new Date(clock + 1000).toISOString();
    plan(
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
  if (v % 7 === 2) {
    plan('SET_MCCRS_ID', people.analyst, { kind: 'SET_MCCRS_ID', mccrsId: String(1000 + (v % 9000)) }, null);
  }
  return { n, contract, changes };
}
