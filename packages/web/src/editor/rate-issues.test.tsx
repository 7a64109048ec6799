// @vitest-environment happy-dom
import type { FieldIssue } from '@docket/domain';
import { cleanup, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorSummary } from '../components/error-summary';
import { messagesByField } from '../forms/field-ids';
import type { FilingDraft } from '../forms/filing-draft';
import { stubFetch } from '../testing/fetch-stub';
import { completeDraft, PROGRAMS } from '../testing/filing-fuzz';
import { RateDetailsStep } from './rate-details-step';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The complete filing's two rates of its own, and a third linked from another submission. */
function draftWithLinkedRate(): FilingDraft {
  const draft = completeDraft();
  draft.rates.push({
    kind: 'LINKED',
    key: 'linked',
    rateId: '20000000-0000-4000-8000-000000000000',
    summary: {
      name: 'MCR-MN-0002-PMAP-20260101-20261231-CERTIFICATION-20251114',
      rateDateStart: '2026-01-01',
      rateDateEnd: '2026-12-31',
      parentContractId: 'contract-2',
      parentContractName: 'MCR-MN-0002-PMAP',
      programNames: ['PMAP'],
    },
  });
  return draft;
}

/** The rate step with these issues, under its error summary, as the editor shows a refused save. */
function renderRateStep(issues: FieldIssue[]) {
  stubFetch(() => ({ status: 200, body: [] }));
  render(
    <MemoryRouter>
      <ErrorSummary issues={issues} nameAnswers />
      <RateDetailsStep
        draft={draftWithLinkedRate()}
        update={() => undefined}
        errors={messagesByField(issues)}
        programs={PROGRAMS}
        contract={null}
        stateCode="MN"
      />
    </MemoryRouter>,
  );
}

/** The accessible description of an element: the text of what its `aria-describedby` names. */
function description(element: Element): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('an issue about a rate as a whole', () => {
  it.each([
    [['rates', 2], 'Rate certification 3', 'This linked rate can no longer be linked'],
    [['rates', 0, 'rateId'], 'Rate certification 1', 'This rate is not an editable rate of this submission'],
    [['rates', 1, 'kind'], 'Rate certification 2', 'Invalid discriminator value'],
  ] as const)(
    '%j is linked to the rate’s heading, which says what is wrong',
    async (path, heading, message) => {
      renderRateStep([{ path: [...path], message }]);
      const link = within(screen.getByTestId('error-summary')).getByRole('link');
      expect(link.textContent).toBe(`${heading}: ${message}`);
      await userEvent.setup().click(link);
      const rateHeading = screen.getByRole('heading', { name: heading });
      expect(document.activeElement).toBe(rateHeading);
      expect(description(rateHeading)).toContain(message);
    },
  );
});
