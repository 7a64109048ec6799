import { formatPeriod } from '@docket/domain';
import type { LinkableRateView } from '@docket/domain';
import { Button, FormGroup, Label, Select } from '@trussworks/react-uswds';
import { useState } from 'react';
import { listLinkableRates } from '../api/rates';
import { LoadError } from '../components/load-error';
import { Loading } from '../components/loading';
import { useResource } from '../hooks/use-resource';

interface Props {
  stateCode: string;
  /** Rates that may not be offered: those already on the draft, and the contract's own. */
  exclude: (rate: LinkableRateView) => boolean;
  onLink: (rate: LinkableRateView) => void;
  disabled: boolean;
}

function optionLabel(rate: LinkableRateView): string {
  const period = formatPeriod(rate.rateDateStart, rate.rateDateEnd);
  const parent = rate.parentContractName ? `filed with ${rate.parentContractName}` : '';
  return [rate.name, rate.programNames.join(', '), period, parent].filter(Boolean).join(' · ');
}

/** Links a submitted rate certification of the state, chosen from the list of rates it may link. */
export function RatePicker({ stateCode, exclude, onLink, disabled }: Props) {
  const [resource, { reload }] = useResource(`linkable:${stateCode}`, () => listLinkableRates(stateCode));
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (resource.status === 'loading') return <Loading label="Loading the rate certifications you can link" />;
  if (resource.status === 'error') {
    return <LoadError what="the rate certifications you can link" error={resource.error} onRetry={reload} />;
  }
  const offered = resource.data.filter((rate) => !exclude(rate));
  if (offered.length === 0) {
    return (
      <p className="text-base-dark" data-testid="no-linkable-rates">
        There are no other submitted rate certifications of your state to link.
      </p>
    );
  }

  const link = () => {
    const rate = offered.find((r) => r.id === chosen);
    if (!rate) {
      setError('Choose a rate certification to link');
      document.getElementById('link-rate')?.focus();
      return;
    }
    setError(null);
    setChosen('');
    onLink(rate);
  };

  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor="link-rate" error={Boolean(error)}>
        Link a rate certification your state already submitted
      </Label>
      <span className="usa-hint" id="link-rate-hint">
        A linked rate certification is read-only here: the submission that filed it keeps editing it.
      </span>
      {error && (
        <span className="usa-error-message" id="link-rate-error" role="alert">
          {error}
        </span>
      )}
      <div className="display-flex flex-wrap flex-align-end">
        <Select
          id="link-rate"
          name="link-rate"
          className="maxw-mobile-lg margin-right-2"
          value={chosen}
          onChange={(event) => setChosen(event.target.value)}
          aria-describedby={error ? 'link-rate-hint link-rate-error' : 'link-rate-hint'}
          validationStatus={error ? 'error' : undefined}
        >
          <option value="">- Select a rate certification -</option>
          {offered.map((rate) => (
            <option key={rate.id} value={rate.id}>
              {optionLabel(rate)}
            </option>
          ))}
        </Select>
        <Button type="button" outline className="margin-top-1" onClick={link} disabled={disabled}>
          Link rate certification
        </Button>
      </div>
    </FormGroup>
  );
}
