import type { StateContact } from '../contract-form';
import type { DocumentRef } from '../form-fields';
import {
  ACTUARIAL_FIRM_LABELS,
  ANSWER_LABELS,
  DOCUMENT_LIST_LABELS,
  type DocumentListKey,
} from '../form-labels';
import type { ActuaryContact } from '../rate-form';
import type { ContactChange, ContactListKey, DocumentChange, DocumentSide } from './revision-diff';

/**
 * How two revisions' lists compare: documents by their bytes, contacts by their email.
 *
 * A document is the same document when its SHA-256 is the same, whatever it is called: the same bytes under a new
 * name are RENAMED, never removed and added. Bytes that are new to the list replace the bytes that left it under
 * the same name (compared as the list compares names, ignoring case): REPLACED. A list that holds exactly one
 * document on both sides (the rate certification) that changed is REPLACED whatever the names. Whatever is left
 * is ADDED or REMOVED. Each list is compared on its own, so a document moved from one list to another is removed
 * from the one and added to the other.
 */

function side(document: Pick<DocumentRef, 'name' | 'sha256'>): DocumentSide {
  return { name: document.name, sha256: document.sha256 };
}

const nameKey = (document: Pick<DocumentRef, 'name'>) => document.name.trim().toLowerCase();

export function documentChanges(
  list: DocumentListKey,
  before: readonly DocumentRef[],
  after: readonly DocumentRef[],
): DocumentChange[] {
  const label = DOCUMENT_LIST_LABELS[list];
  const change = (
    kind: DocumentChange['kind'],
    from: DocumentRef | null,
    to: DocumentRef | null,
  ): DocumentChange => ({
    list,
    label,
    kind,
    before: from && side(from),
    after: to && side(to),
  });
  const beforeBySha = new Map(before.map((d) => [d.sha256, d]));
  const afterShas = new Set(after.map((d) => d.sha256));
  const changes: DocumentChange[] = [];
  const added: DocumentRef[] = [];
  for (const document of after) {
    const earlier = beforeBySha.get(document.sha256);
    if (!earlier) added.push(document);
    else if (earlier.name !== document.name) changes.push(change('RENAMED', earlier, document));
  }
  const removed = before.filter((d) => !afterShas.has(d.sha256));
  const single = before.length === 1 && after.length === 1;
  for (const document of added) {
    const index = single ? 0 : removed.findIndex((d) => nameKey(d) === nameKey(document));
    const replaced = removed[index];
    if (replaced) {
      removed.splice(index, 1);
      changes.push(change('REPLACED', replaced, document));
    } else changes.push(change('ADDED', null, document));
  }
  for (const document of removed) changes.push(change('REMOVED', document, null));
  return changes;
}

/** A state contact as one line: "Ann Lee, Analyst, ann@state.gov". */
export function stateContactText(contact: StateContact): string {
  const name = `${contact.givenName} ${contact.familyName}`.trim();
  return [name, contact.titleRole, contact.email].filter((part) => part.trim() !== '').join(', ');
}

/** An actuary as one line: "Ada Actuary, Principal (Mercer), ada@mercer.example". */
export function actuaryContactText(contact: ActuaryContact): string {
  const firm =
    contact.actuarialFirm === 'OTHER'
      ? contact.actuarialFirmOther.trim() || ACTUARIAL_FIRM_LABELS.OTHER
      : contact.actuarialFirm && ACTUARIAL_FIRM_LABELS[contact.actuarialFirm];
  const role = [contact.titleRole, firm && `(${firm})`].filter(Boolean).join(' ');
  return [contact.name, role, contact.email].filter((part) => part.trim() !== '').join(', ');
}

/**
 * The contacts added to, removed from and changed in one list. A contact is the same person when the email is the
 * same (ignoring case); a contact without an email is matched by everything it says.
 */
export function contactChanges<C extends { email: string }>(
  list: ContactListKey,
  before: readonly C[],
  after: readonly C[],
  text: (contact: C) => string,
): ContactChange[] {
  const label = ANSWER_LABELS[list];
  const key = (contact: C) => contact.email.trim().toLowerCase() || `text:${text(contact)}`;
  const beforeByKey = new Map(before.map((c) => [key(c), c]));
  const afterKeys = new Set(after.map(key));
  const changes: ContactChange[] = [];
  for (const contact of after) {
    const earlier = beforeByKey.get(key(contact));
    if (!earlier) changes.push({ list, label, kind: 'ADDED', before: null, after: text(contact) });
    else if (text(earlier) !== text(contact)) {
      changes.push({ list, label, kind: 'CHANGED', before: text(earlier), after: text(contact) });
    }
  }
  for (const contact of before) {
    if (!afterKeys.has(key(contact))) {
      changes.push({ list, label, kind: 'REMOVED', before: text(contact), after: null });
    }
  }
  return changes;
}
