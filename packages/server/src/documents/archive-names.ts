/** Names of folders and files inside a documents zip: safe on every system, and unique within their folder. */

// Characters no common file system takes in a name (Windows being the strictest), and control characters.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f<>:"/\\|?*]/g;

/** A name usable as one path segment: unsafe characters become `_`; no trailing dots or spaces; never empty. */
export function safeSegment(name: string): string {
  const cleaned = name
    .replace(UNSAFE, '_')
    .replace(/[. ]+$/, '')
    .trim();
  return cleaned === '' || cleaned === '..' ? '_' : cleaned;
}

/**
 * `name`, or `name (2)`, `name (3)`… (before the extension) when an earlier name in `taken` already has it,
 * compared case-insensitively as Windows and macOS do. Records the name it answers in `taken`.
 */
export function uniqueName(name: string, taken: Set<string>): string {
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${extension}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
