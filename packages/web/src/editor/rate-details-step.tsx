import { MAX_RATES, type RateFormData } from '@docket/domain';
import { Button, ErrorMessage } from '@trussworks/react-uswds';
import { useEffect, useRef } from 'react';
import { errorIdFor, fieldId } from '../forms/field-ids';
import { linkedSummaryOfLinkable, newRate, nextKey, type DraftRate } from '../forms/filing-draft';
import { LinkedRatePanel } from './linked-rate-panel';
import { RateFields } from './rate-fields';
import { RatePicker } from './rate-picker';
import type { StepProps } from './step-props';

/**
 * Step 3, the rate certifications (DOMAIN §3.3): one panel per rate, in order. A new rate is filled in here and
 * owned by this contract; a rate the state already submitted with another contract is linked read-only.
 */
export function RateDetailsStep({ draft, update, errors, programs, contract, stateCode }: StepProps) {
  const focusRate = useRef<string | null>(null);
  const dsnp = draft.form.contractDetails.dsnpContract === true;
  const full = draft.rates.length >= MAX_RATES;

  useEffect(() => {
    if (focusRate.current === null) return;
    const index = draft.rates.findIndex((r) => r.key === focusRate.current);
    focusRate.current = null;
    if (index >= 0) document.getElementById(fieldId('rates', index, 'heading'))?.focus();
  }, [draft.rates]);

  const setRates = (change: (rates: DraftRate[]) => DraftRate[]) =>
    update((current) => ({ ...current, rates: change(current.rates) }));

  const editRate = (key: string) => (change: (form: RateFormData) => RateFormData) =>
    setRates((rates) =>
      rates.map((rate) =>
        rate.key === key && rate.kind === 'NEW' ? { ...rate, formData: change(rate.formData) } : rate,
      ),
    );

  const add = (rate: DraftRate) => {
    focusRate.current = rate.key;
    setRates((rates) => [...rates, rate]);
  };

  const remove = (key: string) => {
    setRates((rates) => rates.filter((rate) => rate.key !== key));
    window.requestAnimationFrame(() => document.getElementById('add-rate')?.focus());
  };

  const onDraft = new Set(draft.rates.map((r) => r.rateId));
  const groupError = errors.get('rates');

  return (
    <>
      <p className="usa-intro margin-top-2">
        Add each rate certification filed with this contract action. Enter a new one, or link one your state
        already submitted with another contract action.
      </p>
      <div id="rates" aria-describedby={groupError ? errorIdFor('rates') : undefined}>
        {groupError && <ErrorMessage id={errorIdFor('rates')}>{groupError}</ErrorMessage>}
        {/* The whole list carries the id `rates`, so "add at least one" leads to the buttons that add one. */}
        {draft.rates.length === 0 && (
          <p className="text-base-dark" data-testid="no-rates">
            No rate certifications yet.
          </p>
        )}
        {draft.rates.map((rate, index) => {
          const headingId = fieldId('rates', index, 'heading');
          const title = `Rate certification ${index + 1}`;
          // An issue about the rate as a whole is shown under its heading, which describes itself with it.
          const rateError = errors.get(fieldId('rates', index));
          return (
            <section
              key={rate.key}
              id={fieldId('rates', index)}
              aria-labelledby={headingId}
              className="margin-top-4 padding-3 border-1px border-base-lighter radius-md"
              data-testid="rate-panel"
            >
              <div className="display-flex flex-justify flex-align-center flex-wrap">
                <h2
                  id={headingId}
                  tabIndex={-1}
                  className="margin-y-0"
                  aria-describedby={rateError ? errorIdFor(fieldId('rates', index)) : undefined}
                >
                  {title}
                </h2>
                <Button type="button" unstyled onClick={() => remove(rate.key)}>
                  Remove {rate.kind === 'LINKED' ? 'linked ' : ''}rate certification {index + 1}
                </Button>
              </div>
              {rateError && <ErrorMessage id={errorIdFor(fieldId('rates', index))}>{rateError}</ErrorMessage>}
              {rate.kind === 'NEW' ? (
                <RateFields
                  index={index}
                  formData={rate.formData}
                  onChange={editRate(rate.key)}
                  errors={errors}
                  programs={programs}
                  dsnp={dsnp}
                  stateCode={stateCode}
                />
              ) : (
                <div className="margin-top-2">
                  <LinkedRatePanel rate={rate} />
                </div>
              )}
            </section>
          );
        })}
        <div className="margin-top-4 padding-3 border-1px border-base-lighter radius-md">
          <h2 className="margin-top-0">Add a rate certification</h2>
          {full ? (
            <p>A contract action can have at most {MAX_RATES} rate certifications.</p>
          ) : (
            <>
              <Button id="add-rate" type="button" onClick={() => add(newRate())}>
                Add a new rate certification
              </Button>
              <div className="margin-top-3">
                <RatePicker
                  stateCode={stateCode}
                  exclude={(rate) => onDraft.has(rate.id) || rate.parentContractId === contract?.id}
                  onLink={(rate) =>
                    add({
                      kind: 'LINKED',
                      key: nextKey(),
                      rateId: rate.id,
                      summary: linkedSummaryOfLinkable(rate),
                    })
                  }
                  disabled={full}
                />
              </div>
            </>
          )}
        </div>
      </div>
    </>
  );
}
