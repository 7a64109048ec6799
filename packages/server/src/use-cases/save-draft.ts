import {
  canBeLinked,
  contractFormDateIssues,
  latestRevision,
  latestRateRevision,
  newId,
  NotFoundError,
  programIssues,
  rateDateIssues,
  ValidationError,
  type Contract,
  type ContractFormData,
  type DraftRateInput,
  type FieldIssue,
  type Rate,
  type RateLink,
  type User,
} from '@docket/domain';
import type { RateWrites } from '@docket/store';
import type { UploadReceipts } from '../documents/upload-receipts';
import { previouslyChosenPrograms, type ContractDetails } from './contract-access';
import { writeContract, type ContractWriteStores, type PlanContext, type WriteBasis } from './contract-write';
import { acceptContractDocuments, acceptRateDocuments, filingDocuments } from './filing-documents';

export interface DraftInput {
  formData: ContractFormData;
  /** The rates on the draft, in order. */
  rates: DraftRateInput[];
}

/** Issue message for a rate that cannot be linked, the same whether it is missing or not the state's to link. */
const NOT_LINKABLE = 'Only submitted rates of this state, of filings not withdrawn, can be linked';

/** The rates a draft newly links, loaded with their parent contracts; a missing one is simply not loaded. */
async function loadNewlyLinked(
  stores: ContractWriteStores,
  input: readonly DraftRateInput[],
  ctx: PlanContext,
): Promise<{ rates: Map<string, Rate>; parents: Map<string, Contract> }> {
  const rates = new Map(ctx.rates.map((r) => [r.id, r]));
  const parents = new Map(ctx.rateParents);
  for (const rate of input) {
    if (rate.kind !== 'LINKED' || rates.has(rate.rateId)) continue;
    try {
      const loaded = await stores.rates.get(rate.rateId);
      rates.set(loaded.id, loaded);
      if (!parents.has(loaded.parentContractId) && loaded.parentContractId !== ctx.contract.id) {
        parents.set(loaded.parentContractId, await stores.contracts.get(loaded.parentContractId));
      }
    } catch (error) {
      // A rate that does not exist is reported with the others that cannot be linked.
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  return { rates, parents };
}

/**
 * Plans the rate part of a draft save: new rates are created (owned by this contract), owned rates saved (one
 * submitted before and left out of the draft is reopened when it comes back), owned rates left out removed (a
 * never-submitted one is deleted, a submitted one keeps its history), and linked rates checked: submitted, of the
 * same state, of a filing not withdrawn, and not this contract's own.
 */
function planRates(
  ctx: PlanContext,
  input: readonly DraftRateInput[],
  { rates, parents }: { rates: ReadonlyMap<string, Rate>; parents: ReadonlyMap<string, Contract> },
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
  const writes: Required<Pick<RateWrites, 'create' | 'save' | 'open' | 'discard'>> = {
    create: [],
    save: [],
    open: [],
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
      const revision = stored?.parentContractId === contract.id ? latestRateRevision(stored) : undefined;
      if (!revision) {
        issues.push({
          path: ['rates', index],
          message: 'This rate is not an editable rate of this submission',
        });
        return;
      }
      if (!revision.submitted) {
        writes.save.push({ rateId, revisionId: revision.id, formData: rate.formData });
      } else if (draft.unlocked) {
        // Submitted with this contract before and left out of the draft since: it comes back for editing.
        writes.open.push({
          rateId,
          revision: { id: newId(), formData: rate.formData },
          unlocked: draft.unlocked,
        });
      } else {
        throw new Error(`Rate ${rateId} was submitted, but its contract's draft was never unlocked`);
      }
    } else if (stored?.parentContractId === contract.id) {
      issues.push({ path: ['rates', index], message: 'A rate of this submission cannot also be linked' });
    } else if (!stored || !canBeLinked(stored, parents.get(stored.parentContractId), contract.stateCode)) {
      issues.push({ path: ['rates', index], message: NOT_LINKABLE });
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
    const issues = [
      ...programIssues(input.formData.programIDs, programs, { previouslyChosen: previously }),
      ...contractFormDateIssues(input.formData),
    ];
    const check = { known: filingDocuments(contract, ctx.rates), receipts, user };
    const formData = acceptContractDocuments(input.formData, check, issues);
    const known = await loadNewlyLinked(stores, input.rates, ctx);
    const { links, writes } = planRates(
      ctx,
      input.rates,
      known,
      (index, rate) => {
        const path = ['rates', index];
        issues.push(
          ...[
            ...programIssues(rate.formData.rateProgramIDs, programs, {
              previouslyChosen: previously,
              field: 'rateProgramIDs',
            }),
            ...rateDateIssues(rate.formData),
          ].map((i) => ({ ...i, path: [...path, ...i.path] })),
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
      newlyLinked: { rates: [...known.rates.values()], parents: [...known.parents.values()] },
    };
  });
}
