import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Zips made byte by byte, for the tests of what a hostile upload may hold: every field of a local header, of a
 * directory entry and of the end record can be set to a lie (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16).
 */

/** The fields a local header and a directory entry share. */
export interface ZipFields {
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  extra: Buffer;
}

export interface CraftedEntry {
  name: string;
  content: Buffer | string;
  /** Deflate the content (method 8) rather than store it. */
  deflate?: boolean;
  /** What the local header says instead of the truth. */
  local?: Partial<ZipFields>;
  /** What the directory entry says instead of the truth, its local header offset included. */
  central?: Partial<ZipFields & { localHeaderOffset: number; comment: Buffer }>;
  /** Bytes after the entry's data (a data descriptor, say). */
  trailer?: Buffer;
}

export interface CraftedEnd {
  /** The number of entries the end record gives (both of its counts). */
  entries?: number;
  /** The directory's size and offset the end record gives. */
  size?: number;
  offset?: number;
  /** Bytes between the directory and the end record (ZIP64 records, say). */
  beforeEnd?: Buffer;
  /** Keep only this many bytes of the directory (the end record still describes it whole). */
  directoryBytes?: number;
}

function localHeader(name: Buffer, fields: ZipFields): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(fields.flags, 6);
  header.writeUInt16LE(fields.method, 8);
  header.writeUInt32LE(fields.crc32 >>> 0, 14);
  header.writeUInt32LE(fields.compressedSize >>> 0, 18);
  header.writeUInt32LE(fields.uncompressedSize >>> 0, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(fields.extra.length, 28);
  return Buffer.concat([header, name, fields.extra]);
}

function directoryEntry(name: Buffer, fields: ZipFields, offset: number, comment: Buffer): Buffer {
  const entry = Buffer.alloc(46);
  entry.writeUInt32LE(0x02014b50, 0);
  entry.writeUInt16LE(20, 4);
  entry.writeUInt16LE(20, 6);
  entry.writeUInt16LE(fields.flags, 8);
  entry.writeUInt16LE(fields.method, 10);
  entry.writeUInt32LE(fields.crc32 >>> 0, 16);
  entry.writeUInt32LE(fields.compressedSize >>> 0, 20);
  entry.writeUInt32LE(fields.uncompressedSize >>> 0, 24);
  entry.writeUInt16LE(name.length, 28);
  entry.writeUInt16LE(fields.extra.length, 30);
  entry.writeUInt16LE(comment.length, 32);
  entry.writeUInt32LE(offset >>> 0, 42);
  return Buffer.concat([entry, name, fields.extra, comment]);
}

/** A zip of these entries, each field as the entry says, the truth otherwise. */
export function craftZip(entries: readonly CraftedEntry[], end: CraftedEnd = {}): Buffer {
  const body: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const content = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content);
    const data = entry.deflate ? deflateRawSync(content) : content;
    const truth: ZipFields = {
      flags: 0,
      method: entry.deflate ? 8 : 0,
      crc32: crc32(content),
      compressedSize: data.length,
      uncompressedSize: content.length,
      extra: Buffer.alloc(0),
    };
    const local = localHeader(name, { ...truth, ...entry.local });
    const { localHeaderOffset, comment, ...central } = entry.central ?? {};
    directory.push(
      directoryEntry(name, { ...truth, ...central }, localHeaderOffset ?? offset, comment ?? Buffer.alloc(0)),
    );
    const trailer = entry.trailer ?? Buffer.alloc(0);
    body.push(local, data, trailer);
    offset += local.length + data.length + trailer.length;
  }
  const whole = Buffer.concat(directory);
  const kept = whole.subarray(0, end.directoryBytes ?? whole.length);
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  record.writeUInt16LE(end.entries ?? entries.length, 8);
  record.writeUInt16LE(end.entries ?? entries.length, 10);
  record.writeUInt32LE(end.size ?? kept.length, 12);
  record.writeUInt32LE(end.offset ?? offset, 16);
  return Buffer.concat([...body, kept, end.beforeEnd ?? Buffer.alloc(0), record]);
}

/** A ZIP64 extra field of `length` bytes declared, holding these 64-bit values. */
export function zip64Extra(values: readonly number[], length = values.length * 8): Buffer {
  const extra = Buffer.alloc(4 + values.length * 8);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(length, 2);
  values.forEach((value, i) => extra.writeBigUInt64LE(BigInt(value), 4 + i * 8));
  return extra;
}
