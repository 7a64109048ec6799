import { StepIndicator, StepIndicatorStep } from '@trussworks/react-uswds';
import { STEP_TITLES, type StepId } from '../forms/filing-steps';

/**
 * The USWDS step indicator of the journey. Its heading ("Step 2 of 5 Contract details") is the page's h1, as
 * USWDS intends: the step is what the page is about.
 */
export function FilingStepIndicator({ steps, current }: { steps: readonly StepId[]; current: StepId }) {
  const at = steps.indexOf(current);
  return (
    <StepIndicator
      headingLevel="h1"
      counters="small"
      className="margin-top-2"
      headingProps={{ tabIndex: -1 }}
    >
      {steps.map((step, index) => (
        <StepIndicatorStep
          key={step}
          label={STEP_TITLES[step]}
          status={index < at ? 'complete' : index === at ? 'current' : 'incomplete'}
        />
      ))}
    </StepIndicator>
  );
}
