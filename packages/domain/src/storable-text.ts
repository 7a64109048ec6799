/**
 * Text that every datastore keeps exactly as it was given. Two things in a JavaScript string are not such text:
 * the NUL character (U+0000), which PostgreSQL refuses in text and JSON alike, and a UTF-16 surrogate without its
 * pair, which is no character at all — it has no UTF-8 form, so an engine either refuses it or quietly replaces
 * it with U+FFFD. Everything else is kept intact: other control characters, and characters beyond the Basic
 * Multilingual Plane (emoji and the like, written as surrogate pairs).
 */

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function codePoint(unit: number): string {
  return `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why a text cannot be stored as it is (a sentence for the person who sent it), or null when it can. */
export function unstorableTextReason(text: string): string | null {
  const found = UNSTORABLE.exec(text);
  if (found === null) return null;
  const unit = found[0].charCodeAt(0);
  if (unit === 0) return 'Must not contain the NUL character (U+0000)';
  return `Must not contain a lone UTF-16 surrogate (${codePoint(unit)}), which is not a character`;
}

/** Whether every datastore keeps this text exactly as it is. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** The text with each NUL and lone surrogate replaced by U+FFFD: for naming a bad value in a message, never for storing. */
export function printableText(text: string): string {
  return text.replace(new RegExp(UNSTORABLE.source, 'g'), '\uFFFD');
}
