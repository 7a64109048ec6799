import type { Contract } from '../contract';
import { latestRevision } from '../contract';
import { contractFormDateIssues, programIssues } from '../contract-form';
import type { DraftRateInput } from '../contract-requests';
import { ValidationError, type FieldIssue } from '../errors';
import { canBeLinked, latestRateRevision, type Rate, type RateLink } from '../rate';
import { rateDateIssues } from '../rate-form';
import {
  acceptContractDocuments,
  acceptRateDocuments,
  filingDocuments,
  type DocumentCheck,
} from './accepted-documents';
import type { CommandContext, ContractCommand } from './command';
import type { RateWrites } from './contract-change';
import { previouslyChosenPrograms } from './previously-chosen-programs';

/** Issue message for a rate that cannot be linked, the same whether it is missing or not the state's to link. */
const NOT_LINKABLE = 'Only submitted rates of this state, of filings not withdrawn, can be linked';

type NewRateInput = DraftRateInput & { kind: 'NEW' };

/**
 * Plans the rate part of a draft save: new rates are created (owned by this contract), owned rates saved (one
 * submitted before and left out of the draft is reopened when it comes back), owned rates left out removed (a
 * never-submitted one is deleted, a submitted one keeps its history), and linked rates checked: submitted, of the
 * same state, of a filing not withdrawn, and not this contract's own.
 */
export function planDraftRates(
  ctx: Pick<CommandContext, 'contract' | 'newId'>,
  input: readonly DraftRateInput[],
  { rates, parents }: { rates: ReadonlyMap<string, Rate>; parents: ReadonlyMap<string, Contract> },
  acceptNew: (index: number, rate: NewRateInput) => NewRateInput,
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
    const rate = given.kind === 'NEW' ? acceptNew(index, given) : given;
    if (rate.kind === 'NEW' && rate.rateId === null) {
      const id = ctx.newId();
      writes.create.push({ id, revisionId: ctx.newId(), formData: rate.formData });
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
          revision: { id: ctx.newId(), formData: rate.formData },
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
export const saveDraftCommand: ContractCommand<'SAVE_DRAFT'> = {
  ratesNamed: (input) => input.rates.flatMap((rate) => (rate.kind === 'LINKED' ? [rate.rateId] : [])),
  plan(ctx, input) {
    const { contract, programs } = ctx;
    const previously = previouslyChosenPrograms(contract);
    const issues = [
      ...programIssues(input.formData.programIDs, programs, { previouslyChosen: previously }),
      ...contractFormDateIssues(input.formData),
    ];
    const check: DocumentCheck = { known: filingDocuments(contract, ctx.rates), verify: ctx.verifyUpload };
    const formData = acceptContractDocuments(input.formData, check, issues);
    const known = {
      rates: new Map([...ctx.rates.map((r): [string, Rate] => [r.id, r]), ...ctx.named.rates]),
      parents: new Map([...ctx.rateParents, ...ctx.named.parents]),
    };
    const { links, writes } = planDraftRates(
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
      newlyLinked: { rates: [...ctx.named.rates.values()], parents: [...ctx.named.parents.values()] },
    };
  },
};
