import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { TestFile } from './files';

/**
 * How a state user fills in the filing journey's steps. Fields are found by their labels where a label is
 * unique on the page, and by the ids the form gives every answer (`contractDetails.contractDateStart`,
 * `rates.1.rateType`, ...; see packages/web/src/forms/field-ids.ts) where labels repeat, as in each rate.
 */

/** The element with this id (ids of answers hold dots, which CSS selectors would read as classes). */
export function byId(scope: Page | Locator, id: string): Locator {
  return scope.locator(`[id="${id}"]`);
}

/** The step's heading: the step indicator's h1, "Step 2 of 5 Contract details". */
export function stepHeading(page: Page, title: string): Locator {
  return page.getByRole('heading', { level: 1, name: new RegExp(`${escapeRegExp(title)}$`) });
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits until the browser is on this step of the journey. */
export async function onStep(page: Page, title: string): Promise<void> {
  await stepHeading(page, title).waitFor();
}

/**
 * Waits until the step has taken over the page as a person using a screen reader meets it: its heading has
 * focus and the tab's title names it.
 */
export async function focusedOnStep(page: Page, title: string): Promise<void> {
  await onStep(page, title);
  await expect
    .poll(() =>
      page.evaluate(() => {
        const focused = document.activeElement;
        return focused?.tagName === 'H1' ? (focused.textContent ?? '') : `not a heading: ${focused?.tagName}`;
      }),
    )
    .toMatch(new RegExp(`${escapeRegExp(title)}$`));
  expect(await page.title()).toBe(`${title} | Docket`);
}

/** "Continue" to the next step, and waits for it. */
export async function continueTo(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await focusedOnStep(page, title);
}

/** "Back" to the previous step, and waits for it. */
export async function backTo(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await focusedOnStep(page, title);
}

/** The confirmation that Submit opens on the review step. */
export function submitDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Ready to submit?' });
}

/** Submits from the review step: "Submit", then "Submit" again in the "Ready to submit?" dialog. */
export async function submitAndConfirm(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await submitDialog(page).getByRole('button', { name: 'Submit', exact: true }).click();
}

/** Chooses the radio with this label in the group with this legend. */
export async function choose(scope: Page | Locator, legend: string | RegExp, label: string): Promise<void> {
  await scope.getByRole('group', { name: legend }).getByRole('radio', { name: label, exact: true }).check();
}

/** Answers a yes/no question, found by the id of its group (`{id}-yes`, `{id}-no`). */
export async function answerYesNo(scope: Page | Locator, id: string, yes: boolean): Promise<void> {
  await byId(scope, `${id}-${yes ? 'yes' : 'no'}`).check();
}

export interface SubmissionDetailsAnswers {
  population: 'Medicaid' | 'CHIP-only' | 'Medicaid and CHIP';
  /** Program labels, "Prepaid Medical Assistance Program (PMAP)". */
  programs: readonly string[];
  submissionType: 'Contract action only' | 'Contract action and rate certification';
  contractType: 'Base contract' | 'Amendment to base contract';
  riskBased: boolean;
  description: string;
}

/** Step 1. */
export async function answerSubmissionDetails(page: Page, answers: SubmissionDetailsAnswers): Promise<void> {
  await choose(page, /populations/, answers.population);
  const programs = page.getByRole('group', { name: /^Programs this contract action covers/ });
  for (const program of answers.programs) await programs.getByLabel(program, { exact: true }).check();
  await choose(page, /submission type/, answers.submissionType);
  await choose(page, /^Contract action type/, answers.contractType);
  await answerYesNo(page, 'riskBasedContract', answers.riskBased);
  await page.getByLabel('Submission description').fill(answers.description);
}

/**
 * Chooses files in a document list's file input (the drop zone's input, several files at once) and waits until
 * every one is uploaded and listed.
 */
export async function uploadDocuments(
  scope: Page | Locator,
  listId: string,
  files: readonly TestFile[],
): Promise<void> {
  await byId(scope, listId).setInputFiles(files.map((f) => ({ ...f })));
  const names = files.map((f) => f.name);
  await expect
    .poll(async () => {
      const listed = await listedDocuments(scope, listId);
      return names.filter((n) => listed.includes(n));
    }, UPLOAD_WAIT)
    .toEqual(names);
}

/** How long uploads of a few small files may take on a busy machine. */
const UPLOAD_WAIT = { timeout: 20_000 };

/** The names a document list holds, in order. */
export async function listedDocuments(scope: Page | Locator, listId: string): Promise<string[]> {
  const list = scope.getByTestId(`${listId}-list`);
  if ((await list.count()) === 0) return [];
  return list.locator('li > span.text-bold').allTextContents();
}

/** Removes a document from a document list, by its name. */
export async function removeDocument(scope: Page | Locator, listId: string, name: string): Promise<void> {
  await scope
    .getByTestId(`${listId}-list`)
    .getByRole('button', { name: `Remove ${name}`, exact: true })
    .click();
  await expect.poll(() => listedDocuments(scope, listId)).not.toContain(name);
}

export interface ContractDetailsAnswers {
  /** Uploaded first; none when the list already holds them. */
  contractDocuments: readonly TestFile[];
  supportingDocuments?: readonly TestFile[];
  /** `YYYY-MM-DD` */
  start: string;
  end: string;
  /** Provision questions answered "Yes" (by position); the others "No". */
  provisionsYes?: readonly number[];
}

/**
 * Step 2, for a Medicaid base contract: fully executed, an MCO under the 1932(a) state plan authority, not a
 * D-SNP, compliant with 42 CFR 438, and every provision question answered.
 */
export async function answerContractDetails(page: Page, answers: ContractDetailsAnswers): Promise<void> {
  if (answers.contractDocuments.length > 0) {
    await uploadDocuments(page, 'contractDetails.contractDocuments', answers.contractDocuments);
  }
  if (answers.supportingDocuments) {
    await uploadDocuments(page, 'contractDetails.supportingDocuments', answers.supportingDocuments);
  }
  await choose(page, 'Contract status', 'Fully executed');
  await byId(page, 'contractDetails.contractDateStart').fill(answers.start);
  await byId(page, 'contractDetails.contractDateEnd').fill(answers.end);
  await page.getByLabel('Managed Care Organization (MCO)', { exact: true }).check();
  await page.getByLabel('1932(a) State Plan Authority', { exact: true }).check();
  await answerYesNo(page, 'contractDetails.dsnpContract', false);
  await answerYesNo(page, 'contractDetails.statutoryRegulatoryAttestation', true);
  const provisions = page.getByTestId('provision-questions').getByRole('group');
  const count = await provisions.count();
  expect(count, 'provision questions of a Medicaid base contract').toBeGreaterThan(0);
  for (let i = 0; i < count; i += 1) {
    const yes = answers.provisionsYes?.includes(i) ?? false;
    await provisions
      .nth(i)
      .getByRole('radio', { name: yes ? 'Yes' : 'No', exact: true })
      .check();
  }
}

export interface ActuaryAnswers {
  name: string;
  titleRole: string;
  email: string;
  /** The firm's label, "Mercer". */
  firm: string;
}

export interface RateAnswers {
  certification: TestFile;
  supporting?: readonly TestFile[];
  /** Program labels. */
  programs: readonly string[];
  start: string;
  end: string;
  certified: string;
  actuary: ActuaryAnswers;
}

/** The panel of the rate at this position on the rate details step. */
export function ratePanel(page: Page, index: number): Locator {
  return byId(page, `rates.${index}`);
}

/** Fills in a new rate certification (a new rate, rates per rate cell, OACT talks to the actuary). */
export async function answerNewRate(page: Page, index: number, rate: RateAnswers): Promise<void> {
  const panel = ratePanel(page, index);
  const id = (field: string) => `rates.${index}.${field}`;
  await uploadDocuments(panel, id('rateDocuments'), [rate.certification]);
  if (rate.supporting) await uploadDocuments(panel, id('supportingDocuments'), rate.supporting);
  const programs = panel.getByRole('group', { name: /^Programs this rate certification covers/ });
  for (const program of rate.programs) await programs.getByLabel(program, { exact: true }).check();
  await choose(panel, 'Rate certification type', 'New rate certification');
  await choose(
    panel,
    /capitation rates specific to each rate cell or a rate range/,
    'Certification of capitation rates specific to each rate cell',
  );
  await byId(panel, id('rateDateStart')).fill(rate.start);
  await byId(panel, id('rateDateEnd')).fill(rate.end);
  await byId(panel, id('rateDateCertified')).fill(rate.certified);
  await answerActuary(panel, `${id('certifyingActuaryContacts')}.0`, rate.actuary);
  await byId(panel, `${id('actuaryCommunicationPreference')}-OACT_TO_ACTUARY`).check();
}

/** Fills in one actuary contact, found by the id of its fieldset (`rates.0.certifyingActuaryContacts.0`). */
export async function answerActuary(
  scope: Page | Locator,
  id: string,
  actuary: ActuaryAnswers,
): Promise<void> {
  await byId(scope, `${id}.name`).fill(actuary.name);
  await byId(scope, `${id}.titleRole`).fill(actuary.titleRole);
  await byId(scope, `${id}.email`).fill(actuary.email);
  await byId(scope, `${id}.actuarialFirm`).selectOption({ label: actuary.firm });
}

export interface ContactAnswers {
  givenName: string;
  familyName: string;
  titleRole: string;
  email: string;
}

/** Fills in the state contact at this position (the contacts step always shows the first one). */
export async function answerContact(page: Page, index: number, contact: ContactAnswers): Promise<void> {
  const id = (field: keyof ContactAnswers) => `stateContacts.${index}.${field}`;
  await byId(page, id('givenName')).fill(contact.givenName);
  await byId(page, id('familyName')).fill(contact.familyName);
  await byId(page, id('titleRole')).fill(contact.titleRole);
  await byId(page, id('email')).fill(contact.email);
}

/**
 * Drops files on a document list's drop zone as a drag from the desktop would: `dragenter`, `dragover` and `drop`
 * events carrying the files, dispatched on the zone around the file input.
 */
export async function dropDocuments(
  scope: Page | Locator,
  listId: string,
  files: readonly TestFile[],
): Promise<void> {
  const zone = byId(scope, listId).locator('xpath=..');
  const page = 'page' in scope ? scope.page() : scope;
  const dataTransfer = await page.evaluateHandle(
    (payload) => {
      const transfer = new DataTransfer();
      for (const file of payload) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name, { type: file.mimeType }));
      }
      return transfer;
    },
    files.map((f) => ({ name: f.name, mimeType: f.mimeType, base64: f.buffer.toString('base64') })),
  );
  for (const type of ['dragenter', 'dragover', 'drop']) await zone.dispatchEvent(type, { dataTransfer });
  await dataTransfer.dispose();
}

/** The messages about files a document list refused, in order. */
export async function uploadErrors(scope: Page | Locator, label: string): Promise<string[]> {
  return scope
    .getByRole('list', { name: `Uploads for ${label}`, exact: true })
    .getByTestId('upload-error')
    .allTextContents();
}
