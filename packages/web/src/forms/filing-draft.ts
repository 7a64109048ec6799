import {
  emptyContractForm,
  emptyRateForm,
  upgradeContractForm,
  type ActuaryContact,
  type ContractFormData,
  type ContractView,
  type DraftRateInput,
  type FilingRate,
  type LinkableRateView,
  type RateFormData,
  type RateView,
  type StateContact,
} from '@docket/domain';

/**
 * A draft filing as the editor holds it between saves: the contract answers and its rates, in order. Each rate
 * carries a `key` that stays the same while it is edited (for React lists and for matching the server's answer);
 * a new rate gets its `rateId` from the first save that includes it.
 */
export interface DraftNewRate {
  kind: 'NEW';
  key: string;
  rateId: string | null;
  formData: RateFormData;
}

/** What the editor shows of a rate another submission owns: read-only, enough to recognise it. */
export interface LinkedRateSummary {
  name: string;
  rateDateStart: string | null;
  rateDateEnd: string | null;
  parentContractId: string;
  /** Known when the rate was picked from the list of linkable rates. */
  parentContractName: string | null;
  programNames: string[];
}

export interface DraftLinkedRate {
  kind: 'LINKED';
  key: string;
  rateId: string;
  summary: LinkedRateSummary;
}

export type DraftRate = DraftNewRate | DraftLinkedRate;

export interface FilingDraft {
  form: ContractFormData;
  rates: DraftRate[];
}

export type KeyMaker = () => string;

let keyCounter = 0;
/** Keys for rates, unique within the page. */
export const nextKey: KeyMaker = () => `rate-${++keyCounter}`;

export function emptyContact(): StateContact {
  return { givenName: '', familyName: '', titleRole: '', email: '' };
}

export function emptyActuary(): ActuaryContact {
  return { name: '', titleRole: '', email: '', actuarialFirmOther: '' };
}

/** A new rate to fill in: one certifying actuary to start with, since every rate needs one. */
export function newRate(makeKey: KeyMaker = nextKey): DraftNewRate {
  return {
    kind: 'NEW',
    key: makeKey(),
    rateId: null,
    formData: { ...emptyRateForm(), certifyingActuaryContacts: [emptyActuary()] },
  };
}

/** A form always shows at least one state contact to fill in. */
function withContact(form: ContractFormData): ContractFormData {
  return form.stateContacts.length > 0 ? form : { ...form, stateContacts: [emptyContact()] };
}

/** A brand-new filing, before it is created. */
export function emptyDraft(): FilingDraft {
  return { form: withContact(emptyContractForm()), rates: [] };
}

/** The read-only summary of a rate on the contract that another submission owns. */
export function linkedSummaryOfRate(rate: RateView): LinkedRateSummary {
  const shown = rate.revisions.filter((r) => r.submitted !== null).at(-1) ?? rate.revisions.at(-1);
  return {
    name: shown?.name ?? rate.name,
    rateDateStart: shown?.formData.rateDateStart ?? null,
    rateDateEnd: shown?.formData.rateDateEnd ?? null,
    parentContractId: rate.parentContractId,
    parentContractName: rate.parentContractName || null,
    programNames: [],
  };
}

export function linkedSummaryOfLinkable(rate: LinkableRateView): LinkedRateSummary {
  return {
    name: rate.name,
    rateDateStart: rate.rateDateStart,
    rateDateEnd: rate.rateDateEnd,
    parentContractId: rate.parentContractId,
    parentContractName: rate.parentContractName || null,
    programNames: rate.programNames,
  };
}

/**
 * The draft of a contract the state is editing, or null when its latest revision is submitted (nothing to edit).
 * A rate is the contract's own (NEW, with its latest answers) when the contract is its parent; any other rate is
 * linked read-only. Old answers are brought up to the current form, as the server does when it unlocks.
 */
export function draftFromContract(contract: ContractView, makeKey: KeyMaker = nextKey): FilingDraft | null {
  const revision = contract.revisions.at(-1);
  if (!revision || revision.submitted !== null) return null;
  const byId = new Map(contract.rates.map((r) => [r.id, r]));
  const rates = revision.rateLinks.flatMap((link): DraftRate[] => {
    const rate = byId.get(link.rateId);
    if (!rate) return [];
    const latest = rate.revisions.at(-1);
    if (rate.parentContractId === contract.id && latest) {
      return [{ kind: 'NEW', key: makeKey(), rateId: rate.id, formData: latest.formData }];
    }
    return [{ kind: 'LINKED', key: makeKey(), rateId: rate.id, summary: linkedSummaryOfRate(rate) }];
  });
  return { form: withContact(upgradeContractForm(revision.formData)), rates };
}

/** The body of `PUT /api/contracts/:id/draft`, without the version. */
export function toSaveRequest(draft: FilingDraft): { formData: ContractFormData; rates: DraftRateInput[] } {
  return {
    formData: draft.form,
    rates: draft.rates.map((rate) =>
      rate.kind === 'NEW'
        ? { kind: 'NEW', rateId: rate.rateId, formData: rate.formData }
        : { kind: 'LINKED', rateId: rate.rateId },
    ),
  };
}

/**
 * Gives new rates the ids the save answered with. The server lists the draft's rates in the order they were
 * sent, so the n-th key sent is the n-th rate link; rates removed meanwhile are simply not found.
 */
export function withSavedRateIds(
  draft: FilingDraft,
  sentKeys: readonly string[],
  saved: ContractView,
): FilingDraft {
  const links = saved.revisions.at(-1)?.rateLinks ?? [];
  const idByKey = new Map(sentKeys.flatMap((key, i) => (links[i] ? [[key, links[i].rateId] as const] : [])));
  if (!draft.rates.some((r) => r.kind === 'NEW' && r.rateId === null && idByKey.has(r.key))) return draft;
  return {
    ...draft,
    rates: draft.rates.map((r) =>
      r.kind === 'NEW' && r.rateId === null && idByKey.has(r.key)
        ? { ...r, rateId: idByKey.get(r.key) ?? null }
        : r,
    ),
  };
}

/** The rates as the domain's filing check takes them; a rate not saved yet is told apart by its key. */
export function filingRates(draft: FilingDraft): FilingRate[] {
  return draft.rates.map((rate) =>
    rate.kind === 'NEW'
      ? { rateId: rate.rateId ?? `unsaved:${rate.key}`, owned: true, formData: rate.formData }
      : { rateId: rate.rateId, owned: false },
  );
}

/** Programs earlier submissions of this filing chose: they may stay chosen even if retired since. */
export function previouslyChosenPrograms(contract: ContractView | null): string[] {
  if (!contract) return [];
  return [
    ...new Set(contract.revisions.filter((r) => r.submitted !== null).flatMap((r) => r.formData.programIDs)),
  ];
}

/** JSON with the keys of every object in order, so equal answers give equal text however they were edited. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/**
 * Whether two drafts hold the same answers, as a save would send them: what tells the editor whether leaving
 * loses anything. Answers changed and changed back are the same; a draft never saved (null) differs from any.
 */
export function sameAnswers(a: FilingDraft, b: FilingDraft | null): boolean {
  if (b === null) return false;
  if (a === b) return true;
  return canonical(toSaveRequest(a)) === canonical(toSaveRequest(b));
}
