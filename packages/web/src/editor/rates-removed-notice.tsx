import type { ContractFormData } from '@docket/domain';
import { Alert } from '@trussworks/react-uswds';
import { Link } from 'react-router';
import { stepPath } from './editor-flash';

type Form = Pick<ContractFormData, 'populationCovered' | 'submissionType'>;

function inWords(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/**
 * The sentence that says which rates a filing goes without when it is submitted ("This submission is contract
 * action only: the rate certification MCR-… will be removed when you submit."), for the rates that
 * `ratesFiledWith` drops.
 */
export function ratesRemovedSentence(form: Form, rateNames: readonly string[]): string {
  const why =
    form.populationCovered === 'CHIP'
      ? 'This submission is CHIP-only, so it is contract action only'
      : 'This submission is contract action only';
  const rates = rateNames.length === 1 ? 'the rate certification' : 'the rate certifications';
  return `${why}: ${rates} ${inWords(rateNames)} will be removed when you submit.`;
}

interface Props {
  contractId: string;
  form: Form;
  rateNames: readonly string[];
}

/** Shown on the review step of a filing that still lists rates it will not be submitted with. */
export function RatesRemovedNotice({ contractId, form, rateNames }: Props) {
  const plural = rateNames.length !== 1;
  return (
    <Alert
      type="warning"
      headingLevel="h2"
      heading={plural ? 'Rate certifications will be removed' : 'A rate certification will be removed'}
      className="margin-y-3"
      data-testid="rates-removed"
    >
      {ratesRemovedSentence(form, rateNames)}{' '}
      {form.populationCovered === 'CHIP'
        ? 'CHIP-only submissions are filed without rate certifications.'
        : `To keep ${plural ? 'them' : 'it'}, choose "contract action and rate certification" as the submission type.`}{' '}
      <Link
        className="usa-link"
        to={stepPath(
          contractId,
          'submission-type',
          form.populationCovered === 'CHIP' ? 'populationCovered' : 'submissionType',
        )}
      >
        Change the submission details
      </Link>
    </Alert>
  );
}
