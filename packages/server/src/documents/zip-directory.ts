/**
 * Reading a zip archive's central directory — the list of its entries that a zip keeps at its very end — out of
 * the last bytes of the archive, without the rest (APPNOTE.TXT 4.3.12 to 4.3.16, with the ZIP64 records).
 */

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's local header starts, from the start of the archive. */
  localHeaderOffset: number;
}

/** The most a central directory may take for it to be read: thousands of entries, far more than a document has. */
export const MAX_DIRECTORY_BYTES = 1024 * 1024;

const END_SIGNATURE = 0x06054b50;
const END_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_BYTES = 20;
const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_END_BYTES = 56;
const ENTRY_SIGNATURE = 0x02014b50;
const ENTRY_BYTES = 46;
const ZIP64_EXTRA = 0x0001;
const UTF8_NAMES = 0x0800;

/** How many of the archive's last bytes to keep for {@link readCentralDirectory}. */
export const DIRECTORY_TAIL_BYTES =
  MAX_DIRECTORY_BYTES + ZIP64_END_BYTES + ZIP64_LOCATOR_BYTES + END_BYTES + MAX_COMMENT_BYTES;

/** Why a zip's directory could not be read: the message says what is wrong, for people. */
export class ZipDirectoryError extends Error {}

/** The position of the end-of-central-directory record in `tail`: the last one whose comment ends the file. */
function findEnd(tail: Buffer): number {
  const lowest = Math.max(0, tail.length - END_BYTES - MAX_COMMENT_BYTES);
  for (let at = tail.length - END_BYTES; at >= lowest; at -= 1) {
    if (
      tail.readUInt32LE(at) === END_SIGNATURE &&
      at + END_BYTES + tail.readUInt16LE(at + 20) === tail.length
    ) {
      return at;
    }
  }
  throw new ZipDirectoryError('it has no zip directory at its end');
}

/** A 64-bit little-endian size or offset as a number, refusing what a number cannot hold exactly. */
function readUInt64(buffer: Buffer, at: number): number {
  const value = buffer.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipDirectoryError('its zip directory is damaged');
  return Number(value);
}

interface DirectoryPlace {
  entries: number;
  size: number;
  offset: number;
  /** Where the record that follows the directory starts, in the archive. */
  endsAt: number;
}

/** Where the directory is, from the end record, or from the ZIP64 end record when the end record defers to it. */
function directoryPlace(tail: Buffer, end: number, tailStart: number): DirectoryPlace {
  if (tail.readUInt16LE(end + 4) !== 0 || tail.readUInt16LE(end + 6) !== 0) {
    throw new ZipDirectoryError('it is one part of a zip split over several files');
  }
  const entries = tail.readUInt16LE(end + 10);
  const size = tail.readUInt32LE(end + 12);
  const offset = tail.readUInt32LE(end + 16);
  const locator = end - ZIP64_LOCATOR_BYTES;
  const deferred = entries === 0xffff || size === 0xffffffff || offset === 0xffffffff;
  if (!deferred || locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR_SIGNATURE) {
    return { entries, size, offset, endsAt: tailStart + end };
  }
  const recordAt = readUInt64(tail, locator + 8) - tailStart;
  if (
    recordAt < 0 ||
    recordAt + ZIP64_END_BYTES > locator ||
    tail.readUInt32LE(recordAt) !== ZIP64_END_SIGNATURE
  ) {
    throw new ZipDirectoryError('its zip directory is damaged');
  }
  return {
    entries: readUInt64(tail, recordAt + 32),
    size: readUInt64(tail, recordAt + 40),
    offset: readUInt64(tail, recordAt + 48),
    endsAt: tailStart + recordAt,
  };
}

/** The sizes and offset an entry defers to its ZIP64 extra field (those stored as all ones), in their order. */
function applyZip64Extra(entry: ZipEntry, extra: Buffer): void {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === ZIP64_EXTRA) {
      let field = at + 4;
      const next = (): number => {
        // The field may claim more bytes than the entry gives it.
        if (field + 8 > Math.min(at + 4 + length, extra.length)) {
          throw new ZipDirectoryError('its zip directory is damaged');
        }
        const value = readUInt64(extra, field);
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + length;
  }
}

/**
 * The entries of a zip archive of `totalBytes` bytes, read from its last bytes (`tail`, at least
 * {@link DIRECTORY_TAIL_BYTES} of them when the archive is longer). The directory must end where the end records
 * begin, as every zip writer leaves it.
 * @throws ZipDirectoryError when there is no directory, it is damaged, or it is larger than {@link MAX_DIRECTORY_BYTES}
 */
export function readCentralDirectory(tail: Buffer, totalBytes: number): ZipEntry[] {
  const tailStart = totalBytes - tail.length;
  const end = findEnd(tail);
  const place = directoryPlace(tail, end, tailStart);
  if (place.size > MAX_DIRECTORY_BYTES) {
    throw new ZipDirectoryError('it lists more entries than a document has');
  }
  if (place.offset + place.size !== place.endsAt || place.offset < tailStart) {
    throw new ZipDirectoryError('its zip directory is damaged');
  }
  const directory = tail.subarray(place.offset - tailStart, place.offset - tailStart + place.size);
  const entries: ZipEntry[] = [];
  let at = 0;
  while (at < directory.length) {
    if (at + ENTRY_BYTES > directory.length || directory.readUInt32LE(at) !== ENTRY_SIGNATURE) {
      throw new ZipDirectoryError('its zip directory is damaged');
    }
    const flags = directory.readUInt16LE(at + 8);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const nameAt = at + ENTRY_BYTES;
    const next = nameAt + nameLength + extraLength + commentLength;
    if (next > directory.length) throw new ZipDirectoryError('its zip directory is damaged');
    const entry: ZipEntry = {
      name: directory.toString(flags & UTF8_NAMES ? 'utf8' : 'latin1', nameAt, nameAt + nameLength),
      method: directory.readUInt16LE(at + 10),
      flags,
      crc32: directory.readUInt32LE(at + 16),
      compressedSize: directory.readUInt32LE(at + 20),
      uncompressedSize: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    };
    applyZip64Extra(entry, directory.subarray(nameAt + nameLength, nameAt + nameLength + extraLength));
    entries.push(entry);
    at = next;
  }
  if (entries.length !== place.entries) throw new ZipDirectoryError('its zip directory is damaged');
  return entries;
}
