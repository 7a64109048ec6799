import type { ContractView } from '@docket/domain';
import { expect } from 'vitest';
import { completeForm, completeRateForm, createContract, type UserClient } from './helpers';

/** Filings of Minnesota whose rates other filings link, made through the HTTP API as a state and CMS would. */

export const withRates = () => completeForm('MN', { submissionType: 'CONTRACT_AND_RATES' });

/** Takes a contract action on the version shown, expecting it to succeed. */
export async function call(
  user: UserClient,
  method: 'put' | 'post',
  contract: ContractView,
  path: string,
  extra = {},
): Promise<ContractView> {
  const response = await user[method](`/api/contracts/${contract.id}/${path}`, {
    version: contract.version,
    ...extra,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ContractView>();
}

/** The draft's rates as the editor sends them back: its own rates with their answers, others linked. */
export function ratesAsEdited(view: ContractView) {
  const draft = view.revisions.at(-1);
  return (draft?.rateLinks ?? []).map(({ rateId }) => {
    const rate = view.rates.find((r) => r.id === rateId);
    if (rate?.parentContractId !== view.id) return { kind: 'LINKED', rateId };
    return { kind: 'NEW', rateId, formData: rate.revisions.at(-1)?.formData };
  });
}

/** Contract A submitted with a new rate R; contract B submitted linking R. */
export async function ownerAndLinker(mn: UserClient) {
  const a = await createContract(mn);
  const savedA = await call(mn, 'put', a, 'draft', {
    formData: withRates(),
    rates: [{ kind: 'NEW', rateId: null, formData: completeRateForm('MN') }],
  });
  const submittedA = await call(mn, 'post', savedA, 'submit');
  const rateId = submittedA.revisions[0]?.rateLinks[0]?.rateId ?? '';
  const b = await createContract(mn);
  const savedB = await call(mn, 'put', b, 'draft', {
    formData: withRates(),
    rates: [{ kind: 'LINKED', rateId }],
  });
  return { a: submittedA, b: await call(mn, 'post', savedB, 'submit'), rateId };
}
