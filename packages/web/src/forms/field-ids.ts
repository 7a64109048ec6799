import type { FieldIssue } from '@docket/domain';

/**
 * The submission form's fields are addressed by the paths the server reports issues on. Each path maps to one
 * element id, deterministically: `['programIDs']` and `['programIDs', 2]` → `programIDs`,
 * `['stateContacts', 0, 'email']` → `stateContacts.0.email`. The error summary links to these ids and every
 * field renders its inline error under the same id.
 */

export const CONTACT_FIELDS = ['givenName', 'familyName', 'titleRole', 'email'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export const TOP_LEVEL_FIELDS = [
  'populationCovered',
  'programIDs',
  'submissionType',
  'contractType',
  'riskBasedContract',
  'submissionDescription',
  'stateContacts',
] as const;
export type TopLevelField = (typeof TOP_LEVEL_FIELDS)[number];

function isTopLevel(value: unknown): value is TopLevelField {
  return (TOP_LEVEL_FIELDS as readonly unknown[]).includes(value);
}

function isContactField(value: unknown): value is ContactField {
  return (CONTACT_FIELDS as readonly unknown[]).includes(value);
}

export function contactFieldId(index: number, field: ContactField): string {
  return `stateContacts.${index}.${field}`;
}

/** The id of the element an issue is about, or null when the issue concerns no field the form shows. */
export function fieldIdFor(path: readonly (string | number)[]): string | null {
  const [head, index, field] = path;
  if (head === 'stateContacts' && typeof index === 'number' && isContactField(field)) {
    return contactFieldId(index, field);
  }
  return isTopLevel(head) ? head : null;
}

/** Where an issue sits, in words, for the error summary ("State contact 2"). */
export function issueContext(path: readonly (string | number)[]): string | null {
  const [head, index] = path;
  if (head === 'stateContacts' && typeof index === 'number') return `State contact ${index + 1}`;
  return null;
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

/** The id of the inline error message of a field, for `aria-describedby`. */
export function errorIdFor(fieldId: string): string {
  return `${fieldId}-error`;
}
