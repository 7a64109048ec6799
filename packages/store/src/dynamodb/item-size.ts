/**
 * How many bytes an item takes in a response of the service: its attributes as the wire's typed JSON
 * (`{"S":"…"}`, `{"N":"…"}`, `{"M":{…}}`, …). That is more than the item's size as DynamoDB counts it (names and
 * values, without the type wrappers), so a budget in these bytes keeps a request under both the service's limit
 * on the items' size and DynamoDB Local's limit on the size of its answer.
 */
export function wireSize(value: unknown): number {
  if (typeof value === 'string') return WRAPPER + jsonStringBytes(value);
  if (typeof value === 'number' || typeof value === 'bigint') return WRAPPER + String(value).length + 2;
  if (typeof value === 'boolean' || value === null || value === undefined) return WRAPPER + 5;
  if (value instanceof Uint8Array) return WRAPPER + Math.ceil(value.byteLength / 3) * 4 + 2;
  if (Array.isArray(value) || value instanceof Set) {
    let total = WRAPPER + 2;
    for (const element of value) total += wireSize(element) + 1;
    return total;
  }
  if (typeof value === 'object') return WRAPPER + 2 + attributesSize(value as Record<string, unknown>);
  return WRAPPER + String(value).length;
}

/** The wire size of a whole item: its attributes, without a wrapper of its own. */
export function itemWireSize(item: Record<string, unknown>): number {
  return 2 + attributesSize(item);
}

/** `{"X":` and `}` around every value. */
const WRAPPER = 7;

function attributesSize(attributes: Record<string, unknown>): number {
  let total = 0;
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    total += jsonStringBytes(name) + 2 + wireSize(value);
  }
  return total;
}

/** The UTF-8 bytes of a string written as JSON, quotes and escapes included. */
function jsonStringBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text));
}
