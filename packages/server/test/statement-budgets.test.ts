import type { ContractRevisionDiff, ContractView, RateDetailView, RateRevisionDiff } from '@docket/domain';
import { meterStatements, type StatementCount } from '@docket/store';
import { describeEachDatastore } from '@docket/store/testing';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  STATEMENT_BUDGETS,
  statementBudget,
  statementCeiling,
  type BudgetedOperation,
} from '../src/statement-budgets';
import {
  completeForm,
  completeRateForm,
  createContract,
  startTestApp,
  type TestApp,
  type UserClient,
} from './helpers';

/**
 * The core requests keep to their statement budgets (`statement-budgets.ts`) on every adapter, counted through the
 * real HTTP app from the moment a request arrives to its answer, the session lookup included and nothing left
 * out. The BEGIN and COMMIT of a write's transaction are counted too, but apart: the budget of a write is what it
 * sends besides them, and how many transactions it opens. A filing that links another filing's rate may cost
 * what the budget says each such filing adds (one Query on DynamoDB); a filing whose rates are its own is held to
 * the budget itself. What the app reports in `Server-Timing` is checked against the same count.
 */

const REPORTED = /^db;desc="(\d+) statements";dur=[\d.]+, app;dur=[\d.]+$/;

describeEachDatastore('statement budgets', (store) => {
  let t: TestApp;
  let mn: UserClient;
  let cms: UserClient;
  /** A submitted filing with a rate of its own and a rate linked from another filing, unlocked and resubmitted. */
  let filing: ContractView;
  /** The other filing: a submitted filing whose one rate is its own. */
  let earlier: ContractView;
  /** A draft with the same kinds of rates. */
  let draft: ContractView;
  let ownRateId: string;
  let linkedRateId: string;

  async function ok(response: PromiseLike<LightMyRequestResponse>): Promise<ContractView> {
    const answer = await response;
    expect(answer.statusCode, answer.body).toBeLessThan(300);
    return answer.json<ContractView>();
  }

  async function draftWithRates(): Promise<ContractView> {
    const created = await createContract(mn);
    return ok(
      mn.put(`/api/contracts/${created.id}/draft`, {
        version: created.version,
        formData: completeForm('MN', { submissionType: 'CONTRACT_AND_RATES' }),
        rates: [
          { kind: 'NEW', rateId: null, formData: completeRateForm('MN') },
          { kind: 'LINKED', rateId: linkedRateId },
        ],
      }),
    );
  }

  beforeAll(async () => {
    t = await startTestApp({ datastore: store.datastore, serverTiming: true });
    mn = await t.loginAs('STATE_USER', { state: 'MN' });
    cms = await t.loginAs('CMS_USER', { division: 'DMCO' });

    const earlierCreated = await createContract(mn);
    const earlierSaved = await ok(
      mn.put(`/api/contracts/${earlierCreated.id}/draft`, {
        version: earlierCreated.version,
        formData: completeForm('MN', { submissionType: 'CONTRACT_AND_RATES' }),
        rates: [{ kind: 'NEW', rateId: null, formData: completeRateForm('MN') }],
      }),
    );
    earlier = await ok(
      mn.post(`/api/contracts/${earlierCreated.id}/submit`, { version: earlierSaved.version }),
    );
    linkedRateId = earlier.rates[0]?.id ?? '';

    const saved = await draftWithRates();
    const submitted = await ok(mn.post(`/api/contracts/${saved.id}/submit`, { version: saved.version }));
    const unlocked = await ok(
      cms.post(`/api/contracts/${saved.id}/unlock`, { version: submitted.version, reason: 'Fix the dates' }),
    );
    filing = await ok(
      mn.post(`/api/contracts/${saved.id}/resubmit`, { version: unlocked.version, reason: 'Dates fixed' }),
    );
    expect(filing.rates.map((r) => r.id)).toContain(linkedRateId);
    expect(filing.history.length).toBeGreaterThanOrEqual(4);

    draft = await draftWithRates();
    ownRateId = draft.rates.find((r) => r.id !== linkedRateId)?.id ?? '';
  });
  afterAll(async () => {
    await t.close();
  });

  /** What a request sent, as a meter around it counts; the app's own report must say the same. */
  async function measure(send: () => PromiseLike<LightMyRequestResponse>) {
    const { result, count } = await meterStatements(send);
    expect(result.statusCode, result.body).toBeLessThan(300);
    const reported = REPORTED.exec(String(result.headers['server-timing']));
    expect(Number(reported?.[1])).toBe(count.statements);
    return { response: result, count };
  }

  /** Checks a request's count against its budget, given how many other filings' rates the filing links. */
  function expectWithinBudget(operation: BudgetedOperation, count: StatementCount, linkedFilings = 0): void {
    const kind = t.datastore.kind;
    const sent = count.statements - count.transactionControl;
    expect(sent, `${operation}: statements besides BEGIN and COMMIT`).toBeLessThanOrEqual(
      statementBudget(operation, kind, linkedFilings),
    );
    expect(count.transactionControl, `${operation}: BEGIN and COMMIT`).toBeLessThanOrEqual(
      kind === 'dynamodb' ? 0 : 2 * STATEMENT_BUDGETS[operation].transactions,
    );
    expect(count.statements).toBeLessThanOrEqual(statementCeiling(operation, kind, linkedFilings));
  }

  it('resolves the session and its user in one statement', async () => {
    const { count } = await measure(() => mn.get('/api/me'));
    expectWithinBudget('session', count);
  });

  it('reads a filing for its summary page, history and rates included, within budget', async () => {
    const history = filing.history.map((e) => e.action);
    // A reviewer is not told of the state's draft saves.
    const shown = new Map([
      [mn, history],
      [cms, history.filter((action) => action !== 'SAVE_DRAFT')],
    ]);
    for (const [reader, actions] of shown) {
      const { response, count } = await measure(() => reader.get(`/api/contracts/${filing.id}`));
      const view = response.json<ContractView>();
      expect(view.history.map((e) => e.action)).toEqual(actions);
      expect(view.rates.find((r) => r.id === linkedRateId)?.parentContractName).toMatch(/^MCR-MN-/);
      expectWithinBudget('readFiling', count, 1);
    }
    // A filing whose rates are all its own: the budget itself, on every datastore.
    const { response, count } = await measure(() => cms.get(`/api/contracts/${earlier.id}`));
    expect(response.json<ContractView>().rates).toHaveLength(1);
    expectWithinBudget('readFiling', count);
  });

  it('reads a rate for its page, with the contracts that link it and its history, within budget', async () => {
    for (const reader of [mn, cms]) {
      const { response, count } = await measure(() => reader.get(`/api/rates/${linkedRateId}`));
      const page = response.json<RateDetailView>();
      expect(page.linkedContracts.map((c) => c.id)).toEqual([earlier.id, filing.id]);
      expect(page.history.map((e) => e.kind)).toEqual(['SUBMITTED', 'LINKED', 'INCLUDED']);
      expectWithinBudget('readRate', count);
    }
  });

  it('compares the last two submissions of a filing, and of a rate, reading each once, within budget', async () => {
    const { response, count } = await measure(() => cms.get(`/api/contracts/${filing.id}/diff`));
    const diff = response.json<ContractRevisionDiff>();
    expect([diff.from.number, diff.to.number]).toEqual([1, 2]);
    expectWithinBudget('revisionDiff', count);

    const ownRate = filing.rates.find((r) => r.id !== linkedRateId);
    const rate = await measure(() => cms.get(`/api/rates/${ownRate?.id}/diff`));
    expect(rate.response.json<RateRevisionDiff>().to.number).toBe(2);
    expectWithinBudget('rateRevisionDiff', rate.count);
  });

  it('saves a draft, with its rates, its audit event and its answer, within budget', async () => {
    const { response, count } = await measure(() =>
      mn.put(`/api/contracts/${draft.id}/draft`, {
        version: draft.version,
        formData: completeForm('MN', {
          submissionType: 'CONTRACT_AND_RATES',
          submissionDescription: 'Saved within budget',
        }),
        rates: [
          {
            kind: 'NEW',
            rateId: ownRateId,
            formData: completeRateForm('MN', { rateDateCertified: '2025-12-01' }),
          },
          { kind: 'LINKED', rateId: linkedRateId },
        ],
      }),
    );
    const saved = response.json<ContractView>();
    expect(saved.version).toBe(draft.version + 1);
    expect(saved.revisions.at(-1)?.formData.submissionDescription).toBe('Saved within budget');
    expect(saved.history.map((event) => event.action)).not.toContain('SAVE_DRAFT');
    expect(saved.rates.map((r) => r.id)).toEqual([ownRateId, linkedRateId]);
    expectWithinBudget('saveDraft', count, 1);
  });

  it('creates a submission, with its audit event and its answer, within budget', async () => {
    const { response, count } = await measure(() =>
      mn.post('/api/contracts', { formData: completeForm('MN') }),
    );
    const created = response.json<ContractView>();
    expect(created.history.map((e) => e.action)).toEqual(['CREATE_CONTRACT']);
    expectWithinBudget('createContract', count);
  });

  it('withdraws a rate linked by another filing, and undoes it, within budget', async () => {
    for (const path of ['withdraw', 'undo-withdraw']) {
      const { response, count } = await measure(() =>
        cms.post(`/api/rates/${linkedRateId}/${path}`, { reason: 'Budget' }),
      );
      expect(response.json<RateDetailView>().reviewStatus).toBe(
        path === 'withdraw' ? 'WITHDRAWN' : 'UNDER_REVIEW',
      );
      expectWithinBudget('rateAction', count, 1);
    }
  });

  it('lists a page of a filtered, sorted dashboard within budget, programs from the cache', async () => {
    const pages = [
      () => cms.get('/api/contracts?state=MN&state=WI&status=RESUBMITTED&sort=name&order=asc'),
      () => mn.get('/api/contracts?status=DRAFT&sort=submitted&order=desc&limit=5'),
    ];
    for (const page of pages) {
      await page(); // The first page of a state fills the programs cache.
      const { response, count } = await measure(page);
      expect(response.json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
      expectWithinBudget('listContracts', count);
    }
  });

  it('lists a page of the rate reviews dashboard within budget, programs from the cache', async () => {
    const pages = [
      () => cms.get('/api/rates?state=MN&state=WI&status=SUBMITTED&status=RESUBMITTED&sort=name&order=asc'),
      () => cms.get('/api/rates?type=NEW&period-from=2020-01-01&sort=period&order=desc&limit=5'),
      () => cms.get('/api/rates?sort=updated'),
    ];
    for (const page of pages) {
      await page(); // The first page of a state fills the programs cache.
      const { response, count } = await measure(page);
      expect(response.json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
      expectWithinBudget('listRates', count);
    }
  });
});
