import { createHash } from 'node:crypto';

/**
 * A content hash of a set of records, independent of the store they came from and of the order they were read
 * in, computed in one pass with constant memory: each record is written as canonical JSON (object keys sorted,
 * recursively), hashed with SHA-256, and the digests are added up modulo 2^256. The final hash also covers the
 * number of records, so a record present twice never cancels out. Copy, backup and restore compare these per kind.
 */

const MODULUS = 1n << 256n;
const VERSION_TAG = 'docket-content-hash/1';

/**
 * JSON with object keys in code-unit order at every depth and no insignificant whitespace, so that two equal
 * records always give the same text. Like `JSON.stringify`, it leaves out object keys whose value is undefined.
 * @throws TypeError on what JSON cannot carry unchanged (a non-finite number, a bigint, a Date or other class).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object': {
      // Built by concatenation, without the intermediate arrays of entries and parts: verification runs this on
      // every record of both sides.
      if (Array.isArray(value)) {
        let text = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) text += ',';
          // A hole stays empty, as `map` and `join` would leave it; undefined is written as null.
          if (!(i in value)) continue;
          const item: unknown = value[i];
          text += item === undefined ? 'null' : canonicalJson(item);
        }
        return `${text}]`;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) {
        throw new TypeError('Only plain objects have a canonical JSON form');
      }
      const record = value as Record<string, unknown>;
      // The default sort compares UTF-16 code units, the order the format names.
      const keys = Object.keys(record).sort();
      let text = '{';
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        if (text.length > 1) text += ',';
        text += `${JSON.stringify(key)}:${canonicalJson(item)}`;
      }
      return `${text}}`;
    }
    default:
      throw new TypeError(`A ${typeof value} has no JSON form`);
  }
}

/** An order-independent accumulator of records' digests. */
export class ContentHash {
  private sum = 0n;
  private records = 0;

  /** Adds one record, given as its canonical JSON (see `canonicalJson`). */
  addCanonical(json: string): void {
    const digest = createHash('sha256').update(json, 'utf8').digest('hex');
    this.sum = (this.sum + BigInt(`0x${digest}`)) % MODULUS;
    this.records += 1;
  }

  /** Adds one record. */
  add(record: unknown): void {
    this.addCanonical(canonicalJson(record));
  }

  /** How many records were added. */
  get count(): number {
    return this.records;
  }

  /** The hash of everything added so far, as 64 hex digits. */
  digest(): string {
    const sum = this.sum.toString(16).padStart(64, '0');
    return createHash('sha256').update(`${VERSION_TAG}\n${this.records}\n${sum}`, 'utf8').digest('hex');
  }
}

/** The content hash of a list of records, for tests and small sets. */
export function contentHashOf(records: Iterable<unknown>): string {
  const hash = new ContentHash();
  for (const record of records) hash.add(record);
  return hash.digest();
}
