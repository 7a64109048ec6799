// @vitest-environment happy-dom
import type { ContractView } from '@docket/domain';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { contractView, revisionView } from '../testing/views';
import { ContractActions } from './contract-actions';

afterEach(cleanup);

const UNLOCKED_AT = '2025-03-01T00:00:00.000Z';

function unlocked(): ContractView {
  const contract = contractView([
    revisionView(1, {}, { submittedAt: '2025-02-01T00:00:00.000Z' }),
    {
      ...revisionView(2, {}),
      unlocked: {
        at: UNLOCKED_AT,
        by: { userId: 'c1', email: 'casey@cms.example', name: 'Casey Reviewer', role: 'CMS_USER' },
        reason: 'Correct the contract dates.',
      },
    },
  ]);
  return { ...contract, status: 'UNLOCKED', submissionStatus: 'UNLOCKED' };
}

function editLink(contract: ContractView): HTMLElement {
  render(
    <MemoryRouter>
      <ContractActions contract={contract} onChanged={() => undefined} />
    </MemoryRouter>,
  );
  return screen.getByRole('link', { name: /^(Edit submission|Continue editing)$/ });
}

describe('ContractActions: editing', () => {
  it('opens an unlocked filing on its review step', () => {
    const link = editLink(unlocked());
    expect(link.textContent).toBe('Edit submission');
    expect(link.getAttribute('href')).toBe('/submissions/contract-1/edit/review');
  });

  it('takes a draft up where its journey starts', () => {
    const link = editLink(contractView([revisionView(1, {})]));
    expect(link.textContent).toBe('Continue editing');
    expect(link.getAttribute('href')).toBe('/submissions/contract-1/edit');
  });
});
