import {
  actuaryContactDraftSchema,
  contractDetailsDraftSchema,
  contractFormDraftSchema,
  PROVISIONS,
  rateFormDraftSchema,
  stateContactDraftSchema,
  type FieldIssue,
  type Provision,
  PROVISION_LABELS,
} from '@docket/domain';

/**
 * Every answer of the filing is addressed by the path the domain and the server report issues on, and each path
 * maps to one element id, deterministically: the path's segments joined with dots, cut at the answer the form
 * shows as one control. `['programIDs', 2]` → `programIDs` (the checkbox group), `['stateContacts', 0, 'email']`
 * → `stateContacts.0.email`, `['contractDetails', 'contractDocuments', 1, 'name']` →
 * `contractDetails.contractDocuments` (the document list), `['rates', 0, 'certifyingActuaryContacts', 1, 'email']`
 * → `rates.0.certifyingActuaryContacts.1.email`. The error summaries link to these ids; every field renders its
 * inline error under the same id.
 */

/** One answer shown as one control (deeper paths, like a list's items, point at it too). */
type Leaf = { kind: 'leaf' };
/** A group of named answers. */
type Group = { kind: 'group'; fields: Readonly<Record<string, FieldNode>> };
/** A list whose items each have their own element (a panel or fieldset per item). */
type Items = { kind: 'items'; item: Group };
type FieldNode = Leaf | Group | Items;

const leaf: Leaf = { kind: 'leaf' };

/** A group whose answers are the keys of a draft schema, all leaves unless overridden. */
function groupOf(
  keys: readonly string[],
  overrides: Readonly<Record<string, FieldNode>> = {},
  omit: readonly string[] = [],
): Group {
  const fields: Record<string, FieldNode> = {};
  for (const key of keys) if (!omit.includes(key)) fields[key] = overrides[key] ?? leaf;
  return { kind: 'group', fields };
}

const actuary: Items = { kind: 'items', item: groupOf(Object.keys(actuaryContactDraftSchema.shape)) };

const RATE = groupOf(
  Object.keys(rateFormDraftSchema.shape),
  { certifyingActuaryContacts: actuary, addtlActuaryContacts: actuary },
  ['schemaVersion'],
);

const FILING = groupOf(
  [...Object.keys(contractFormDraftSchema.shape), 'rates'],
  {
    stateContacts: { kind: 'items', item: groupOf(Object.keys(stateContactDraftSchema.shape)) },
    contractDetails: groupOf(Object.keys(contractDetailsDraftSchema.shape), {
      provisions: groupOf(PROVISIONS),
    }),
    rates: { kind: 'items', item: RATE },
  },
  ['schemaVersion'],
);

export type FieldPath = readonly (string | number)[];

/** The id of the element an issue is about, or null when the issue concerns no element the form shows. */
export function fieldIdFor(path: FieldPath): string | null {
  let node: FieldNode = FILING;
  const taken: (string | number)[] = [];
  /** Whether the element of `taken` exists: leaves, lists, and list items do; plain groups do not. */
  let hasElement = false;
  for (const segment of path) {
    if (node.kind === 'leaf') break;
    if (node.kind === 'items') {
      if (typeof segment !== 'number') break;
      taken.push(segment);
      node = node.item;
      hasElement = true;
      continue;
    }
    const next: FieldNode | undefined =
      typeof segment === 'string' && Object.hasOwn(node.fields, segment) ? node.fields[segment] : undefined;
    if (!next) break;
    taken.push(segment);
    node = next;
    hasElement = next.kind !== 'group';
  }
  return hasElement ? taken.join('.') : null;
}

/**
 * Where the answer of a path comes in the form, as a list of positions: answers are asked in the order of the
 * domain's schemas (which the steps follow), list items in their order. Unknown segments come last.
 */
function formPosition(path: FieldPath): number[] {
  let node: FieldNode = FILING;
  const position: number[] = [];
  for (const segment of path) {
    if (node.kind === 'leaf') break;
    if (node.kind === 'items') {
      position.push(typeof segment === 'number' ? segment : Number.MAX_SAFE_INTEGER);
      node = node.item;
      continue;
    }
    const fields: Readonly<Record<string, FieldNode>> = node.fields;
    const keys: string[] = Object.keys(fields);
    const index: number = typeof segment === 'string' ? keys.indexOf(segment) : -1;
    const next: FieldNode | undefined = index >= 0 ? fields[keys[index] ?? ''] : undefined;
    position.push(index >= 0 ? index : Number.MAX_SAFE_INTEGER);
    if (!next) break;
    node = next;
  }
  return position;
}

/** Orders issues as their fields come in the form, so an error summary reads like the page. */
export function inFormOrder<T extends { path: FieldPath }>(issues: readonly T[]): T[] {
  const keyed = issues.map((issue, index) => ({ issue, index, position: formPosition(issue.path) }));
  keyed.sort((a, b) => {
    const length = Math.max(a.position.length, b.position.length);
    for (let i = 0; i < length; i += 1) {
      const difference = (a.position[i] ?? -1) - (b.position[i] ?? -1);
      if (difference !== 0) return difference;
    }
    return a.index - b.index;
  });
  return keyed.map(({ issue }) => issue);
}

/** The id of a field: its path joined with dots. Fields build their ids with this, issues map with `fieldIdFor`. */
export function fieldId(...path: (string | number)[]): string {
  return path.join('.');
}

/** The id of the inline error message of a field, for `aria-describedby`. */
export function errorIdFor(id: string): string {
  return `${id}-error`;
}

/** The first message for each field, for inline errors. */
export function messagesByField(issues: readonly FieldIssue[]): Map<string, string> {
  const byField = new Map<string, string>();
  for (const issue of issues) {
    const id = fieldIdFor(issue.path);
    if (id && !byField.has(id)) byField.set(id, issue.message);
  }
  return byField;
}

/** Short names of answers, for error summaries that list issues away from their fields. */
const ANSWER_NAMES: Readonly<Record<string, string>> = {
  populationCovered: 'Population covered',
  programIDs: 'Programs',
  submissionType: 'Submission type',
  contractType: 'Contract action type',
  riskBasedContract: 'Risk-based contract',
  submissionDescription: 'Submission description',
  contractDocuments: 'Contract documents',
  supportingDocuments: 'Supporting documents',
  contractExecutionStatus: 'Contract status',
  contractDateStart: 'Start date',
  contractDateEnd: 'End date',
  managedCareEntities: 'Managed care entities',
  federalAuthorities: 'Federal authorities',
  dsnpContract: 'D-SNP contract',
  statutoryRegulatoryAttestation: '42 CFR 438 compliance',
  statutoryRegulatoryAttestationDescription: 'Non-compliance description',
  provisions: 'Provisions',
  rateDocuments: 'Rate certification document',
  rateProgramIDs: 'Rate programs',
  rateType: 'Rate certification type',
  rateCapitationType: 'Capitation rates',
  rateDateStart: 'Rating period start date',
  rateDateEnd: 'Rating period end date',
  rateDateCertified: 'Date certified',
  amendmentEffectiveDateStart: 'Amendment effective start date',
  amendmentEffectiveDateEnd: 'Amendment effective end date',
  rateMedicaidPopulations: 'Medicaid populations',
  certifyingActuaryContacts: 'Certifying actuaries',
  addtlActuaryContacts: 'Additional actuaries',
  actuaryCommunicationPreference: 'Actuary communication preference',
  givenName: 'Given name',
  familyName: 'Family name',
  titleRole: 'Title/role',
  email: 'Email',
  name: 'Name',
  actuarialFirm: 'Actuarial firm',
  actuarialFirmOther: 'Other actuarial firm',
  stateContacts: 'State contacts',
  rates: 'Rate certifications',
};

/**
 * Names of what an issue may be about that the form does not ask: parts of a request (the version a save is
 * based on), answers the form keeps for itself, or a section as a whole.
 */
const PLACE_NAMES: Readonly<Record<string, string>> = {
  version: 'Version of the draft',
  schemaVersion: 'Form version',
  contractDetails: 'Contract details',
  provisions: 'Provisions',
  reason: 'Reason',
  kind: 'Kind of rate',
  rateId: 'Rate',
};

/**
 * Where an issue sits, in words, for an error summary: "State contact 2", "Rate certification 1, certifying
 * actuary 2". Null when the path needs no context beyond the message.
 */
export function issueContext(path: FieldPath): string | null {
  const parts: string[] = [];
  const [head, index, field, subIndex] = path;
  if (head === 'stateContacts' && typeof index === 'number') parts.push(`State contact ${index + 1}`);
  if (head === 'rates' && typeof index === 'number') {
    parts.push(`Rate certification ${index + 1}`);
    if (typeof subIndex === 'number' && field === 'certifyingActuaryContacts') {
      parts.push(`certifying actuary ${subIndex + 1}`);
    } else if (typeof subIndex === 'number' && field === 'addtlActuaryContacts') {
      parts.push(`additional actuary ${subIndex + 1}`);
    }
  }
  return parts.length > 0 ? parts.join(', ') : null;
}

/**
 * The name of the answer an issue is about when its message may not say it ("Enter a date as YYYY-MM-DD"), or
 * null. The last named segment of the path that the form shows decides.
 */
export function answerName(path: FieldPath): string | null {
  const id = fieldIdFor(path);
  // A list item (a contact, a rate) is named by its place, which `issueContext` gives.
  if (!id || /\.\d+$/.test(id)) return null;
  const named = id
    .split('.')
    .filter((s) => !/^\d+$/.test(s))
    .at(-1);
  if (!named) return null;
  return ANSWER_NAMES[named] ?? PROVISION_LABELS[named as Provision] ?? null;
}

/** `someAnswer` → "Some answer", for a path no name is known for. */
function inWords(segment: string): string {
  const words = segment.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Where an issue is, in words, for any path at all: the contact, rate or actuary and the answer's name ("Rate
 * certification 1, Rating period start date"). A path the form shows no field for is still named — by the part of
 * the filing it is in, or its own last name in words — so an error summary never shows a bare message.
 */
export function issueLabel(path: FieldPath): string {
  const known = [issueContext(path), answerName(path)].filter((part): part is string => part !== null);
  if (known.length > 0) return known.join(', ');
  const last = path.filter((segment): segment is string => typeof segment === 'string').at(-1);
  if (last === undefined) return 'The submission';
  return PLACE_NAMES[last] ?? ANSWER_NAMES[last] ?? inWords(last);
}
