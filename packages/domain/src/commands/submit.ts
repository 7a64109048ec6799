import { latestUsToday } from '../calendar-date';
import { latestRevision, type SubmitInfo } from '../contract';
import { upgradeContractForm } from '../contract-form';
import { ValidationError, type FieldIssue } from '../errors';
import { checkFilingForSubmit, type FilingRate } from '../filing';
import {
  canBeLinked,
  lastSubmittedRateRevision,
  latestRateRevision,
  type Rate,
  type RateLink,
} from '../rate';
import type { CommandContext, CommandResult, ContractCommand } from './command';
import type { RateWrites } from './contract-change';
import { previouslyChosenPrograms } from './previously-chosen-programs';

function refuse(issues: FieldIssue[]): never {
  const count = issues.length;
  throw new ValidationError(
    `The submission cannot be sent yet: ${count} answer${count === 1 ? ' needs' : 's need'} attention`,
    issues,
  );
}

/**
 * Freezes the draft revision, and the draft revisions of the rates it owns, after full validation of the whole
 * filing: every missing or invalid answer is reported by its path in the form (rates under `rates.{index}`). What
 * is stored is cleaned: answers made irrelevant are dropped, and a contract-only filing goes without its rates
 * (rates it created and never submitted are deleted). The revision records which rate revision each rate went
 * with: the one frozen now for an owned rate, the latest submitted one for a linked rate.
 */
export function planSubmission(ctx: CommandContext, reason: string | null): CommandResult {
  const { contract, rates, rateParents, programs, at, by } = ctx;
  const draft = latestRevision(contract);
  const byId = new Map(rates.map((r) => [r.id, r]));
  const onDraft = draft.rateLinks.map((l): Rate => {
    const rate = byId.get(l.rateId);
    if (!rate) throw new Error(`Rate ${l.rateId} on the draft of contract ${contract.id} is not stored`);
    return rate;
  });
  const issues: FieldIssue[] = [];
  const filingRates: FilingRate[] = onDraft.map((rate, index) => {
    if (rate.parentContractId === contract.id) {
      return { rateId: rate.id, owned: true, formData: latestRateRevision(rate).formData };
    }
    if (!canBeLinked(rate, rateParents.get(rate.parentContractId), contract.stateCode)) {
      issues.push({ path: ['rates', index], message: 'This linked rate can no longer be linked' });
    }
    return { rateId: rate.id, owned: false };
  });
  const check = checkFilingForSubmit({
    form: upgradeContractForm(draft.formData),
    rates: filingRates,
    statePrograms: programs,
    previouslyChosen: previouslyChosenPrograms(contract),
    today: latestUsToday(new Date(at)),
  });
  if (!check.ok) refuse([...check.issues, ...issues]);
  if (issues.length > 0) refuse(issues);

  const submitted: SubmitInfo = { at, by, reason };
  const writes: Required<Pick<RateWrites, 'submit' | 'discard'>> = { submit: [], discard: [] };
  const links: RateLink[] = check.rates.map((filed) => {
    const rate = byId.get(filed.rateId);
    if (!rate) throw new Error(`Rate ${filed.rateId} vanished while planning`);
    // An owned rate without an open draft (one adopted from a withdrawn parent while this filing was unlocked)
    // goes with its last submitted revision, as a linked rate does.
    if (filed.owned && !latestRateRevision(rate).submitted) {
      const revisionId = latestRateRevision(rate).id;
      writes.submit.push({ rateId: rate.id, revisionId, formData: filed.formData, submitted });
      return { rateId: rate.id, rateRevisionId: revisionId };
    }
    return { rateId: rate.id, rateRevisionId: lastSubmittedRateRevision(rate)?.id ?? null };
  });
  // Owned rates the filing goes without (a contract-only submission): their unsubmitted edits are dropped.
  for (const rate of onDraft) {
    const revision = latestRateRevision(rate);
    const kept = check.rates.some((r) => r.rateId === rate.id);
    if (!kept && rate.parentContractId === contract.id && !revision.submitted) {
      writes.discard.push({ rateId: rate.id, revisionId: revision.id });
    }
  }
  return {
    change: {
      kind: 'SUBMIT',
      revisionId: draft.id,
      formData: check.form,
      rateLinks: links,
      submitted,
      rates: writes,
    },
    revisionId: draft.id,
    details: { rates: links.length },
  };
}

/** First submission of a draft. */
export const submitCommand: ContractCommand<'SUBMIT'> = { plan: (ctx) => planSubmission(ctx, null) };

/** Submission of an unlocked filing again, with the reason for the changes. */
export const resubmitCommand: ContractCommand<'RESUBMIT'> = {
  plan: (ctx, { reason }) => planSubmission(ctx, reason),
};
