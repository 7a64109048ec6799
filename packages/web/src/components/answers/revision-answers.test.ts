import { contractFormV1Schema, REFERENCE_PROGRAMS, type RevisionView } from '@docket/domain';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { revisionContent } from '../../summary/revision-content';
import { contractView, documentRef, rateRevisionView, rateView, revisionView } from '../../testing/views';
import { RevisionAnswers } from './revision-answers';

const MN = REFERENCE_PROGRAMS.filter((p) => p.stateCode === 'MN').map((p) => ({ ...p }));

function render(contract: ReturnType<typeof contractView>, revisionId: string): string {
  const content = revisionContent(contract, revisionId);
  if (!content) throw new Error('no such revision');
  return renderToStaticMarkup(
    createElement(
      MemoryRouter,
      null,
      createElement(RevisionAnswers, {
        content,
        programs: MN,
        contractId: contract.id,
        draft: false,
        level: 2,
        idPrefix: 'current',
      }),
    ),
  );
}

describe('RevisionAnswers', () => {
  it('renders a revision stored in the first form version, leaving out what it lacks', () => {
    const old: RevisionView = {
      ...revisionView(1, {}, { submittedAt: '2024-02-01T00:00:00.000Z' }),
      formData: contractFormV1Schema.parse({
        schemaVersion: 1,
        populationCovered: 'MEDICAID',
        programIDs: [MN[0]?.id],
        submissionDescription: 'Filed before contract details were asked',
        stateContacts: [
          { givenName: 'Ann', familyName: 'Lee', titleRole: 'Analyst', email: 'ann@mn.example' },
        ],
      }),
    };
    const html = render(contractView([old]), 'rev-1');
    expect(html).toContain('Filed before contract details were asked');
    expect(html).toContain('Ann Lee');
    expect(html).not.toContain('Contract details');
    expect(html).not.toContain('Rate details');
    expect(html).not.toContain('Not answered yet');
  });

  it('renders every answer of a filing with rates, its documents and download links', () => {
    const doc = documentRef('contract.pdf', 'a');
    const contract = contractView(
      [
        revisionView(
          1,
          {
            populationCovered: 'MEDICAID',
            submissionType: 'CONTRACT_AND_RATES',
            contractType: 'BASE',
            contractDetails: {
              contractDocuments: [doc],
              federalAuthorities: ['STATE_PLAN'],
              dsnpContract: true,
              provisions: { inLieuServicesAndSettings: true, modifiedRiskSharingStrategy: false },
            },
          },
          {
            submittedAt: '2025-02-01T00:00:00.000Z',
            rateLinks: [{ rateId: 'r1', rateRevisionId: 'r1-rev-1' }],
          },
        ),
      ],
      [
        rateView('r1', 'contract-1', [
          rateRevisionView(
            'r1',
            1,
            {
              rateType: 'AMENDMENT',
              amendmentEffectiveDateStart: '2025-03-01',
              amendmentEffectiveDateEnd: '2025-12-31',
              rateMedicaidPopulations: ['MEDICAID_ONLY'],
              certifyingActuaryContacts: [
                {
                  name: 'Pat',
                  titleRole: 'Actuary',
                  email: 'p@a.example',
                  actuarialFirm: 'OTHER',
                  actuarialFirmOther: 'Acme',
                },
              ],
            },
            '2025-02-01T00:00:00.000Z',
          ),
        ]),
      ],
    );
    const html = render(contract, 'rev-1');
    expect(html).toContain('href="/api/contracts/contract-1/documents/contract.pdf-a"');
    expect(html).toContain('1932(a) State Plan Authority');
    expect(html).toContain('D-SNP contract');
    expect(html).toContain('In lieu-of services and settings');
    expect(html).toContain('Amendment effective dates');
    expect(html).toContain('Medicaid-only beneficiaries');
    expect(html).toContain('Acme');
  });
});
