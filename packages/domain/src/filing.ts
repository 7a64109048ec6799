import { dropIrrelevantContractDetails, hasRates } from './contract-details-form';
import { checkContractForSubmit, programIssues, type ContractFormData } from './contract-form';
import type { FieldIssue } from './errors';
import type { IsoDate } from './calendar-date';
import { checkRateForSubmit, type RateFormData } from './rate-form';
import type { Program } from './reference-data';

/** A rate as a draft filing lists it: one the contract owns (with its draft answers), or one it links. */
export type FilingRate =
  { rateId: string; owned: true; formData: RateFormData } | { rateId: string; owned: false };

export interface FilingSubmitInput {
  form: ContractFormData;
  /** The rates on the draft, in the order the state lists them. */
  rates: readonly FilingRate[];
  statePrograms: readonly Program[];
  /** Programs chosen by earlier submissions of this filing, which may stay even if retired since. */
  previouslyChosen: readonly string[];
  /** Today in the reviewing time zone, `YYYY-MM-DD`. */
  today: IsoDate;
}

export type FilingSubmitCheck =
  | {
      ok: true;
      /** The contract answers, cleaned. */
      form: ContractFormData;
      /** The rates that go with the submission (none for a contract-only filing), owned ones cleaned. */
      rates: FilingRate[];
    }
  | { ok: false; issues: FieldIssue[] };

function prefixed(prefix: (string | number)[], issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.map((i) => ({ ...i, path: [...prefix, ...i.path] }));
}

/** Whether a filing's rates go with it when it is submitted: only a contract-and-rates filing that is not CHIP-only. */
export function filesRates(form: Pick<ContractFormData, 'submissionType' | 'populationCovered'>): boolean {
  return form.submissionType === 'CONTRACT_AND_RATES' && hasRates(form);
}

/**
 * Which of a draft's rates go with it when it is submitted, and which it goes without: a contract-only or
 * CHIP-only filing is submitted without the rates entered before its type changed (owned ones lose their
 * unsubmitted answers, linked ones their link). Submitting decides with this, and the review page says so.
 */
export function ratesFiledWith<R>(
  form: Pick<ContractFormData, 'submissionType' | 'populationCovered'>,
  rates: readonly R[],
): { filed: R[]; dropped: R[] } {
  if (filesRates(form)) return { filed: [...rates], dropped: [] };
  // While the submission type is unanswered, none is filed (submitting is refused) and none is dropped yet.
  return { filed: [], dropped: hasRates(form) ? [] : [...rates] };
}

/**
 * Full validation of a whole filing before it is submitted: the contract answers and every rate it owns. Rate
 * issues are under `rates.{index}` in the order of the draft's rates. A contract-only or CHIP-only filing goes
 * without its rates ({@link ratesFiledWith}), so the answers of rates entered before the type changed are never filed.
 */
export function checkFilingForSubmit(input: FilingSubmitInput): FilingSubmitCheck {
  const contract = checkContractForSubmit(input.form, input.statePrograms, input.previouslyChosen);
  const issues = contract.ok ? [] : [...contract.issues];
  const { filed } = ratesFiledWith(input.form, input.rates);
  if (filesRates(input.form) && filed.length === 0) {
    issues.push({ path: ['rates'], message: 'Add at least one rate certification' });
  }
  // From the cleaned details: a D-SNP answer no authority asks for does not make the rates D-SNP.
  const { populationCovered, contractType } = input.form;
  const details = dropIrrelevantContractDetails(input.form.contractDetails, {
    populationCovered,
    contractType,
  });
  const dsnp = details.dsnpContract === true;
  const rates: FilingRate[] = [];
  const seen = new Set<string>();
  filed.forEach((rate, index) => {
    if (seen.has(rate.rateId)) {
      issues.push({ path: ['rates', index], message: 'This rate is already on the submission' });
    }
    seen.add(rate.rateId);
    if (!rate.owned) {
      rates.push(rate);
      return;
    }
    const check = checkRateForSubmit(rate.formData, { dsnp, today: input.today });
    const programs = programIssues(rate.formData.rateProgramIDs, input.statePrograms, {
      previouslyChosen: input.previouslyChosen,
      field: 'rateProgramIDs',
      // The rate check already reports a program chosen twice.
      duplicates: false,
    });
    issues.push(...prefixed(['rates', index], [...(check.ok ? [] : check.issues), ...programs]));
    if (check.ok) rates.push({ rateId: rate.rateId, owned: true, formData: check.form });
  });
  if (!contract.ok || issues.length > 0) return { ok: false, issues };
  return { ok: true, form: contract.form, rates };
}
