// @vitest-environment happy-dom
import type { FieldIssue } from '@docket/domain';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ComponentType } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isApiError } from '../api/client';
import { performContractAction, saveDraft } from '../api/contracts';
import { ErrorSummary, focusField } from '../components/error-summary';
import { errorIdFor, fieldIdFor, issueLabel, messagesByField } from '../forms/field-ids';
import type { FilingDraft } from '../forms/filing-draft';
import { stepOfIssue, type StepId } from '../forms/filing-steps';
import { problem, stubFetch } from '../testing/fetch-stub';
import { completeDraft, PROGRAMS, saveSchemaPaths, submitCheckPaths } from '../testing/filing-fuzz';
import { renderApp, stubDocket } from '../testing/render-app';
import { documentRef } from '../testing/views';
import { ContactsStep } from './contacts-step';
import { ContractDetailsStep } from './contract-details-step';
import { RateDetailsStep } from './rate-details-step';
import type { StepProps } from './step-props';
import { SubmissionTypeStep } from './submission-type-step';

const BODIES: Record<Exclude<StepId, 'review'>, ComponentType<StepProps>> = {
  'submission-type': SubmissionTypeStep,
  'contract-details': ContractDetailsStep,
  'rate-details': RateDetailsStep,
  contacts: ContactsStep,
};

type Path = (string | number)[];

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The issues the editor gets when the server refuses a request with these paths. */
async function issuesOfRefusal(
  send: () => Promise<unknown>,
  status: number,
  paths: readonly Path[],
): Promise<FieldIssue[]> {
  stubFetch(({ path }) =>
    path.includes('linkable')
      ? { status: 200, body: [] }
      : problem(
          status,
          'VALIDATION_FAILED',
          'Refused',
          paths.map((p) => ({ path: p, message: `refused at ${JSON.stringify(p)}` })),
        ),
  );
  try {
    await send();
  } catch (error) {
    if (isApiError(error)) return error.issues;
    throw error;
  }
  throw new Error('the request was not refused');
}

/** A draft with enough of every list for any index the paths name. */
function draftFor(paths: readonly Path[]): FilingDraft {
  const draft = completeDraft();
  const rates = Math.max(...paths.map((p) => (p[0] === 'rates' && typeof p[1] === 'number' ? p[1] : 0)));
  while (draft.rates.length <= rates) {
    const [first] = completeDraft().rates;
    if (first?.kind !== 'NEW') throw new Error('the complete draft has no new rate');
    draft.rates.push({ ...first, key: `rate-${draft.rates.length}`, rateId: null });
  }
  return draft;
}

/** What is wrong with how an issue is shown, or null: its step, its field, the inline message, the focus. */
function placeProblem(issue: FieldIssue): string | null {
  const step = stepOfIssue(issue.path);
  if (!step || step === 'review') return `no step asks ${JSON.stringify(issue.path)}`;
  if (!fieldIdFor(issue.path)) return `no field for ${JSON.stringify(issue.path)}`;
  return null;
}

/**
 * What is wrong with how each issue is shown on its step: its field's element, the message inline, the focus.
 * Each step is rendered with as many issues at once as have different fields.
 */
function shownAtTheirFields(issues: readonly FieldIssue[], draft: FilingDraft): string[] {
  const problems: string[] = [];
  const rounds: { step: StepId; byId: Map<string, FieldIssue> }[] = [];
  for (const issue of issues) {
    const place = placeProblem(issue);
    if (place) {
      problems.push(place);
      continue;
    }
    const step = stepOfIssue(issue.path) as StepId;
    const id = fieldIdFor(issue.path) as string;
    let round = rounds.find((r) => r.step === step && !r.byId.has(id));
    if (!round) rounds.push((round = { step, byId: new Map() }));
    round.byId.set(id, issue);
  }
  for (const { step, byId } of rounds) {
    if (step === 'review') continue;
    const Body = BODIES[step];
    render(
      <Body
        draft={draft}
        update={() => undefined}
        errors={messagesByField([...byId.values()])}
        programs={PROGRAMS}
        contract={null}
        stateCode="MN"
      />,
    );
    for (const [id, issue] of byId) {
      const field = document.getElementById(id);
      const inline = document.getElementById(errorIdFor(id));
      if (!field) problems.push(`the ${step} step has no element #${id}`);
      else if (!inline?.textContent?.includes(issue.message)) problems.push(`#${id} shows no message inline`);
      else if (!focusField(id) || !field.contains(document.activeElement)) {
        problems.push(`#${id} cannot take focus`);
      }
    }
    cleanup();
  }
  return problems;
}

/** Whether a label is words a person reads, not a path: no `camelCase` name, no `rates.0`. */
function isWords(label: string): boolean {
  return /^[A-Z0-9]/.test(label) && !/[a-z][A-Z]/.test(label) && !/[A-Za-z]\.\d|\d\.[A-Za-z]/.test(label);
}

describe('issue paths the server can answer with', () => {
  it('every path the submit check reports (422) is a field of its step, with its message inline', async () => {
    const paths = submitCheckPaths();
    expect(paths.length).toBeGreaterThan(60);
    const issues = await issuesOfRefusal(
      () => performContractAction('c1', 'SUBMIT', { version: 3 }),
      422,
      paths,
    );
    const draft = draftFor(issues.map((i) => i.path));
    const problems = shownAtTheirFields(issues, draft);
    // "Answer the submission details first" is about no single field: the review page lists it by name.
    expect(problems).toEqual([`no field for ${JSON.stringify(['contractDetails'])}`]);
    for (const issue of issues) expect(isWords(issueLabel(issue.path)), issueLabel(issue.path)).toBe(true);
  });

  it('every path a save’s schemas refuse (400) is addressed as the form addresses it, and shown at its field', async () => {
    const paths = saveSchemaPaths();
    expect(paths.some((p) => p[0] === 'formData')).toBe(true);
    const issues = await issuesOfRefusal(() => saveDraft('c1', 3, {}, []), 400, paths);
    const draft = draftFor(issues.map((i) => i.path));
    // Only what is not an answer has no field: the version the save was based on, the form's version.
    const fieldless = issues.filter((i) => fieldIdFor(i.path) === null).map((i) => i.path);
    expect(fieldless).toEqual([['version'], ['schemaVersion']]);
    const problems = shownAtTheirFields(
      issues.filter((issue) => fieldIdFor(issue.path) !== null),
      draft,
    );
    expect(problems).toEqual([]);
    for (const issue of issues) expect(isWords(issueLabel(issue.path)), issueLabel(issue.path)).toBe(true);
  });

  it('an over-long description is shown at the description, named and linked in the summary', async () => {
    const [issue] = await issuesOfRefusal(() => saveDraft('c1', 3, {}, []), 400, [
      ['formData', 'submissionDescription'],
    ]);
    if (!issue) throw new Error('no issue');
    expect(issue.path).toEqual(['submissionDescription']);
    render(<ErrorSummary issues={[issue]} nameAnswers />);
    const link = within(document.body).getByRole('link');
    expect(link.textContent).toBe(`Submission description: ${issue.message}`);
    expect(link.getAttribute('href')).toBe('#submissionDescription');
  });
});

describe('an issue about no field', () => {
  it('is named in words in the error summary, never a bare message', () => {
    const issues: FieldIssue[] = [
      { path: ['version'], message: 'Expected number' },
      { path: [], message: 'Expected object' },
      { path: ['contractDetails'], message: 'Answer the submission details first' },
      { path: ['rates', 1, 'kind'], message: 'Invalid discriminator value' },
      { path: ['contractDetails', 'provisions', 'modifiedSomethingNew'], message: 'Unknown question' },
    ];
    render(<ErrorSummary issues={issues} />);
    const lines = within(document.body)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(lines).toEqual([
      'Version of the draft: Expected number',
      'The submission: Expected object',
      'Contract details: Answer the submission details first',
      'Rate certification 2: Invalid discriminator value',
      'Modified something new: Unknown question',
    ]);
  });
});

describe('a refusal about an answer of another step', () => {
  it('is shown at that answer once its link in the summary is followed', async () => {
    const message = 'contract.pdf was uploaded too long ago to be added: upload the file again';
    const contractDocuments = [documentRef('contract.pdf', 'a')];
    stubDocket(
      { populationCovered: 'MEDICAID', contractType: 'BASE', contractDetails: { contractDocuments } },
      () =>
        problem(422, 'VALIDATION_FAILED', 'Some answers cannot be saved', [
          { path: ['contractDetails', 'contractDocuments', 0], message },
        ]),
    );
    const router = renderApp('/submissions/contract-1/edit/submission-type');
    fireEvent.change(await screen.findByLabelText('Submission description'), {
      target: { value: 'Changed.' },
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Save as draft' }));
    await user.click(await screen.findByRole('link', { name: `Contract documents: ${message}` }));

    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/submissions/contract-1/edit/contract-details'),
    );
    const inline = await waitFor(() => {
      const element = document.getElementById(errorIdFor('contractDetails.contractDocuments'));
      if (!element) throw new Error('no inline message yet');
      return element;
    });
    expect(inline.textContent).toContain(message);
  });
});
