import {
  isLinkable,
  latestRevision,
  latestRateRevision,
  newId,
  NotFoundError,
  programIssues,
  ValidationError,
  type ContractFormData,
  type DraftRateInput,
  type FieldIssue,
  type Rate,
  type RateLink,
  type User,
} from '@docket/domain';
import type { RateStore, RateWrites } from '@docket/store';
import type { UploadReceipts } from '../documents/upload-receipts';
import { previouslyChosenPrograms, type ContractDetails } from './contract-access';
import { writeContract, type ContractWriteStores, type PlanContext, type WriteBasis } from './contract-write';
import { acceptContractDocuments, acceptRateDocuments, filingDocumentKeys } from './filing-documents';

export interface DraftInput {
  formData: ContractFormData;
  /** The rates on the draft, in order. */
  rates: DraftRateInput[];
}

/** The rates a draft newly links, loaded; a missing one is an issue, not a 404 of the whole request. */
async function loadNewlyLinked(
  rates: RateStore,
  input: readonly DraftRateInput[],
  known: readonly Rate[],
  issues: FieldIssue[],
): Promise<Map<string, Rate>> {
  const byId = new Map(known.map((r) => [r.id, r]));
  for (const [index, rate] of input.entries()) {
    if (rate.kind !== 'LINKED' || byId.has(rate.rateId)) continue;
    try {
      byId.set(rate.rateId, await rates.get(rate.rateId));
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      issues.push({ path: ['rates', index], message: 'There is no such rate to link' });
    }
  }
  return byId;
}

/**
 * Plans the rate part of a draft save: new rates are created (owned by this contract), owned rates saved, owned
 * rates left out removed (a never-submitted one is deleted, a submitted one keeps its history), and linked
 * rates checked: submitted, of the same state, and not this contract's own.
 */
function planRates(
  ctx: PlanContext,
  input: readonly DraftRateInput[],
  rates: ReadonlyMap<string, Rate>,
  acceptDocuments: (
    index: number,
    rate: DraftRateInput & { kind: 'NEW' },
  ) => DraftRateInput & { kind: 'NEW' },
  issues: FieldIssue[],
): { links: RateLink[]; writes: RateWrites } {
  const { contract } = ctx;
  const draft = latestRevision(contract);
  const ownedOnDraft = draft.rateLinks
    .map((l) => rates.get(l.rateId))
    .filter((r): r is Rate => r !== undefined && r.parentContractId === contract.id);
  const writes: Required<Pick<RateWrites, 'create' | 'save' | 'discard'>> = {
    create: [],
    save: [],
    discard: [],
  };
  const links: RateLink[] = [];
  const seen = new Set<string>();
  input.forEach((given, index) => {
    const rate = given.kind === 'NEW' ? acceptDocuments(index, given) : given;
    if (rate.kind === 'NEW' && rate.rateId === null) {
      const id = newId();
      writes.create.push({ id, revisionId: newId(), formData: rate.formData });
      links.push({ rateId: id, rateRevisionId: null });
      return;
    }
    const rateId = rate.rateId ?? '';
    if (seen.has(rateId)) {
      issues.push({ path: ['rates', index], message: 'This rate is already on the submission' });
      return;
    }
    seen.add(rateId);
    const stored = rates.get(rateId);
    if (rate.kind === 'NEW') {
      const owned = ownedOnDraft.find((r) => r.id === rateId);
      const revision = owned && latestRateRevision(owned);
      if (!revision || revision.submitted) {
        issues.push({
          path: ['rates', index],
          message: 'This rate is not an editable rate of this submission',
        });
        return;
      }
      writes.save.push({ rateId, revisionId: revision.id, formData: rate.formData });
    } else if (stored) {
      if (stored.parentContractId === contract.id) {
        issues.push({ path: ['rates', index], message: 'A rate of this submission cannot also be linked' });
      } else if (stored.stateCode !== contract.stateCode || !isLinkable(stored)) {
        issues.push({ path: ['rates', index], message: 'Only submitted rates of this state can be linked' });
      }
    }
    links.push({ rateId, rateRevisionId: null });
  });
  for (const owned of ownedOnDraft) {
    const revision = latestRateRevision(owned);
    if (!seen.has(owned.id) && !revision.submitted) {
      writes.discard.push({ rateId: owned.id, revisionId: revision.id });
    }
  }
  return { links, writes };
}

/**
 * Replaces the answers of the draft (or unlocked) revision and of the rates it owns. The answers may be
 * incomplete, but every program must be one of the state's own and not retired (unless an earlier submission
 * already chose it), every document must be the state's own upload or already in the filing, and every linked
 * rate a submitted rate of the state.
 */
export function saveDraft(
  stores: ContractWriteStores,
  receipts: UploadReceipts,
  user: User,
  basis: WriteBasis,
  input: DraftInput,
): Promise<ContractDetails> {
  return writeContract(stores, user, 'SAVE_DRAFT', basis, null, async (ctx) => {
    const { contract, programs } = ctx;
    const previously = previouslyChosenPrograms(contract);
    const issues = programIssues(input.formData.programIDs, programs, previously);
    const check = { known: filingDocumentKeys(contract, ctx.rates), receipts, user };
    const formData = acceptContractDocuments(input.formData, check, issues);
    const rates = await loadNewlyLinked(stores.rates, input.rates, ctx.rates, issues);
    const { links, writes } = planRates(
      ctx,
      input.rates,
      rates,
      (index, rate) => {
        const path = ['rates', index];
        issues.push(
          ...programIssues(rate.formData.rateProgramIDs, programs, previously).map((i) => ({
            ...i,
            path: [...path, 'rateProgramIDs', ...i.path.slice(1)],
          })),
        );
        return { ...rate, formData: acceptRateDocuments(path, rate.formData, check, issues) };
      },
      issues,
    );
    if (issues.length > 0) throw new ValidationError('Some answers cannot be saved', issues);
    const draft = latestRevision(contract);
    return {
      change: { kind: 'SAVE_DRAFT', revisionId: draft.id, formData, rateLinks: links, rates: writes },
      revisionId: draft.id,
      details: { rates: links.length },
    };
  });
}
