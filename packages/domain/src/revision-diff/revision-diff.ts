import { z } from 'zod';
import type { ContractRevision } from '../contract';
import { DOCUMENT_LIST_LABELS, type DocumentListKey } from '../form-labels';
import type { DocumentRef } from '../form-fields';
import { rateRevisionName, type Rate, type RateRevision } from '../rate';
import { ordinalSchema, recordIdSchema, recordTimeSchema } from '../record-fields';
import type { Program } from '../reference-data';
import { ANSWER_SECTIONS, contractAnswerTexts, rateAnswerTexts, type AnswerText } from './answer-texts';
import { actuaryContactText, contactChanges, documentChanges, stateContactText } from './list-changes';

/**
 * What changed between two submitted revisions of a filing (DOMAIN §5): the answers that differ, the contacts
 * added, removed or changed, the documents added, removed, replaced or renamed, and — for a contract — the rates
 * added, removed or revised. Computed here from the two revisions alone; the server only finds the revisions the
 * caller may see and the web only shows the result. Every value is display text, worded as the summary page words
 * it (`form-labels.ts`), so that every reader of the diff says the same thing.
 */

/** One side of a diff: which submission it is. */
export const diffRevisionSchema = z.object({
  id: recordIdSchema,
  /** The revision's number among the filing's revisions (1-based). */
  number: ordinalSchema,
  submittedAt: recordTimeSchema,
});
export type DiffRevision = z.infer<typeof diffRevisionSchema>;

/** An answer that differs: `before` or `after` is empty when the question was not answered (or not asked) then. */
export const answerChangeSchema = z.object({
  key: z.string().describe('The question: a field name, or `provisions.<name>` for a provision question'),
  section: z.enum(ANSWER_SECTIONS),
  label: z.string().describe('The question as the summary page names it'),
  before: z.array(z.string()).describe('The answer before, one line per value; empty when unanswered'),
  after: z.array(z.string()).describe('The answer after, one line per value; empty when unanswered'),
});
export type AnswerChange = z.infer<typeof answerChangeSchema>;

export const CONTACT_LISTS = ['stateContacts', 'certifyingActuaryContacts', 'addtlActuaryContacts'] as const;
export type ContactListKey = (typeof CONTACT_LISTS)[number];

/** A contact added, removed, or changed (same email, other details), each side as one line of text. */
export const contactChangeSchema = z.object({
  list: z.enum(CONTACT_LISTS),
  label: z.string(),
  kind: z.enum(['ADDED', 'REMOVED', 'CHANGED']),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type ContactChange = z.infer<typeof contactChangeSchema>;

export const DOCUMENT_LISTS = Object.keys(DOCUMENT_LIST_LABELS) as [DocumentListKey, ...DocumentListKey[]];

export const documentSideSchema = z.object({ name: z.string(), sha256: z.string() });
export type DocumentSide = z.infer<typeof documentSideSchema>;

/** A document added, removed, replaced (new bytes under the same name) or renamed (same bytes, new name). */
export const documentChangeSchema = z.object({
  list: z.enum(DOCUMENT_LISTS),
  label: z.string(),
  kind: z.enum(['ADDED', 'REMOVED', 'REPLACED', 'RENAMED']),
  before: documentSideSchema.nullable(),
  after: documentSideSchema.nullable(),
});
export type DocumentChange = z.infer<typeof documentChangeSchema>;

const changesShape = {
  answers: z.array(answerChangeSchema),
  contacts: z.array(contactChangeSchema),
  documents: z.array(documentChangeSchema),
};

/** What changed in one rate's answers, contacts and documents. */
export const rateChangesSchema = z.object(changesShape);
export type RateChanges = z.infer<typeof rateChangesSchema>;

/**
 * A rate of the contract added, removed, or revised: linked at both submissions, but at another revision of the
 * rate (its answers changed with `changes`, or were resubmitted as they were).
 */
export const rateChangeSchema = z.object({
  kind: z.enum(['ADDED', 'REMOVED', 'REVISED']),
  rateId: recordIdSchema,
  /** The rate's name at the later side (the earlier, for a removed rate). */
  name: z.string(),
  fromRateRevisionId: recordIdSchema.nullable(),
  toRateRevisionId: recordIdSchema.nullable(),
  /** For a revised rate, what changed in it; null for a rate added or removed. */
  changes: rateChangesSchema.nullable(),
});
export type RateChange = z.infer<typeof rateChangeSchema>;

/** What changed in a record between two of its submissions. */
export const rateRevisionDiffSchema = z.object({
  from: diffRevisionSchema,
  to: diffRevisionSchema,
  ...changesShape,
  /** Nothing differs: the two submissions hold the same answers, contacts and documents (and rate revisions). */
  unchanged: z.boolean(),
});

export const contractRevisionDiffSchema = rateRevisionDiffSchema.extend({
  rates: z.array(rateChangeSchema),
});
export type ContractRevisionDiff = z.infer<typeof contractRevisionDiffSchema>;
export type RateRevisionDiff = z.infer<typeof rateRevisionDiffSchema>;

type SubmittedRevision = Pick<ContractRevision, 'id' | 'number' | 'submitted'>;

function diffRevision(revision: SubmittedRevision): DiffRevision {
  if (!revision.submitted)
    throw new Error(`Revision ${revision.id} is not submitted; only submissions are compared`);
  return { id: revision.id, number: revision.number, submittedAt: revision.submitted.at };
}

/** The answers that differ, in the order the later revision shows them, then those only the earlier one had. */
export function answerChanges(before: readonly AnswerText[], after: readonly AnswerText[]): AnswerChange[] {
  const beforeByKey = new Map(before.map((a) => [a.key, a]));
  const afterKeys = new Set(after.map((a) => a.key));
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((line, i) => line === b[i]);
  const changes: AnswerChange[] = [];
  for (const answer of after) {
    const earlier = beforeByKey.get(answer.key)?.text ?? [];
    if (!same(earlier, answer.text)) {
      const { key, section, label } = answer;
      changes.push({ key, section, label, before: earlier, after: answer.text });
    }
  }
  for (const answer of before) {
    if (!afterKeys.has(answer.key)) {
      const { key, section, label } = answer;
      changes.push({ key, section, label, before: answer.text, after: [] });
    }
  }
  return changes;
}

function isEmpty(changes: RateChanges): boolean {
  return changes.answers.length + changes.contacts.length + changes.documents.length === 0;
}

/** What changed between two revisions' rate answers (both of one rate). */
export function rateChanges(
  before: RateRevision['formData'],
  after: RateRevision['formData'],
  programs: readonly Program[],
): RateChanges {
  const documents = (
    list: 'rateDocuments' | 'rateSupportingDocuments',
    pick: (f: typeof before) => DocumentRef[],
  ) => documentChanges(list, pick(before), pick(after));
  return {
    answers: answerChanges(rateAnswerTexts(before, programs), rateAnswerTexts(after, programs)),
    contacts: [
      ...contactChanges(
        'certifyingActuaryContacts',
        before.certifyingActuaryContacts,
        after.certifyingActuaryContacts,
        actuaryContactText,
      ),
      ...contactChanges(
        'addtlActuaryContacts',
        before.addtlActuaryContacts,
        after.addtlActuaryContacts,
        actuaryContactText,
      ),
    ],
    documents: [
      ...documents('rateDocuments', (f) => f.rateDocuments),
      ...documents('rateSupportingDocuments', (f) => f.supportingDocuments),
    ],
  };
}

/**
 * What changed between two submitted revisions of one rate.
 * @throws Error when either revision is unsubmitted: the caller finds submitted revisions first
 */
export function rateRevisionDiff(input: {
  from: RateRevision;
  to: RateRevision;
  programs: readonly Program[];
}): RateRevisionDiff {
  const changes = rateChanges(input.from.formData, input.to.formData, input.programs);
  return {
    from: diffRevision(input.from),
    to: diffRevision(input.to),
    ...changes,
    unchanged: isEmpty(changes),
  };
}

type RateForDiff = Pick<Rate, 'id' | 'stateCode' | 'stateNumber' | 'revisions'>;

/** The rates of two contract revisions: each rate once, with the revision each side links (or null). */
function rateLinkPairs(from: ContractRevision, to: ContractRevision) {
  const fromLinks = new Map(from.rateLinks.map((l) => [l.rateId, l.rateRevisionId]));
  const toIds = new Set(to.rateLinks.map((l) => l.rateId));
  return [
    ...to.rateLinks.map((l) => ({
      rateId: l.rateId,
      from: fromLinks.get(l.rateId) ?? null,
      to: l.rateRevisionId,
    })),
    ...from.rateLinks
      .filter((l) => !toIds.has(l.rateId))
      .map((l) => ({ rateId: l.rateId, from: l.rateRevisionId, to: null })),
  ];
}

function rateChangesOfContract(
  from: ContractRevision,
  to: ContractRevision,
  rates: readonly RateForDiff[],
  programs: readonly Program[],
): RateChange[] {
  const byId = new Map(rates.map((r) => [r.id, r]));
  return rateLinkPairs(from, to).flatMap((pair): RateChange[] => {
    if (pair.from === pair.to) return [];
    const rate = byId.get(pair.rateId);
    const revision = (id: string | null) =>
      id === null ? undefined : rate?.revisions.find((r) => r.id === id);
    const before = revision(pair.from);
    const after = revision(pair.to);
    const shown = after ?? before;
    const name = rate && shown ? rateRevisionName(rate, shown.formData, programs) : `Rate ${pair.rateId}`;
    const kind = pair.from === null ? 'ADDED' : pair.to === null ? 'REMOVED' : 'REVISED';
    const changes =
      kind === 'REVISED' && before && after ? rateChanges(before.formData, after.formData, programs) : null;
    return [
      { kind, rateId: pair.rateId, name, fromRateRevisionId: pair.from, toRateRevisionId: pair.to, changes },
    ];
  });
}

function contractDocumentLists(revision: ContractRevision): Record<'contract' | 'supporting', DocumentRef[]> {
  const form = revision.formData;
  if (form.schemaVersion === 1) return { contract: [], supporting: [] };
  return {
    contract: form.contractDetails.contractDocuments,
    supporting: form.contractDetails.supportingDocuments,
  };
}

/** What changed in a contract's answers, contacts, documents and rates, without saying between which revisions. */
export const contractChangesSchema = z.object({
  ...changesShape,
  rates: z.array(rateChangeSchema),
  unchanged: z.boolean(),
});
export type ContractChanges = z.infer<typeof contractChangesSchema>;

/**
 * What changed between two submitted revisions of one contract. `rates` holds every rate either revision links,
 * with the revisions the links name; `programs` the state's programs, for program and rate names.
 * @throws Error when either revision is unsubmitted: the caller finds submitted revisions first
 */
export function contractRevisionDiff(input: {
  from: ContractRevision;
  to: ContractRevision;
  rates: readonly RateForDiff[];
  programs: readonly Program[];
}): ContractRevisionDiff {
  return { from: diffRevision(input.from), to: diffRevision(input.to), ...contractChanges(input) };
}

/**
 * What changed between two revisions of one contract, either of them possibly unsubmitted (a discarded draft): each
 * link names the rate revision it went with (a draft's links are resolved by the caller).
 */
export function contractChanges(input: {
  from: ContractRevision;
  to: ContractRevision;
  rates: readonly RateForDiff[];
  programs: readonly Program[];
}): ContractChanges {
  const { from, to, programs } = input;
  const before = contractDocumentLists(from);
  const after = contractDocumentLists(to);
  const answers = answerChanges(
    contractAnswerTexts(from.formData, programs),
    contractAnswerTexts(to.formData, programs),
  );
  const contacts = contactChanges(
    'stateContacts',
    from.formData.stateContacts,
    to.formData.stateContacts,
    stateContactText,
  );
  const documents = [
    ...documentChanges('contractDocuments', before.contract, after.contract),
    ...documentChanges('contractSupportingDocuments', before.supporting, after.supporting),
  ];
  const rates = rateChangesOfContract(from, to, input.rates, programs);
  return {
    answers,
    contacts,
    documents,
    rates,
    unchanged: isEmpty({ answers, contacts, documents }) && rates.length === 0,
  };
}
