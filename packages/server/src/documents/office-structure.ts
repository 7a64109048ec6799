import { crc32, inflateRawSync } from 'node:zlib';
import { ContentTypesError, declaredParts, MAX_CONTENT_TYPES_BYTES } from './content-types-xml';
import { ALLOWED_TYPES, type AllowedType } from './file-types';
import {
  DIRECTORY_TAIL_BYTES,
  readCentralDirectory,
  ZipDirectoryError,
  type ZipEntry,
} from './zip-directory';

/**
 * Whether a zip is an Office Open XML document of the type its name claims (ECMA-376 part 2, the Open Packaging
 * Conventions): it must hold `[Content_Types].xml`, which must declare a main part with the type's content type
 * (a Word document, a workbook, a macro-enabled workbook), and that part must be in the zip. A Java archive, an
 * OpenDocument file, a plain zip or a document of another Office type fails.
 *
 * The check sees the file once, as it streams past, and holds a bounded amount of it: the last bytes, where a zip
 * keeps its directory, and the compressed bytes of any entry whose local header names `[Content_Types].xml` (the
 * directory says, at the end, which of them is the real one). Nothing else is decompressed. Its work grows with the
 * file and no faster, whatever the file holds: a `[Content_Types].xml` over {@link MAX_CONTENT_TYPES_BYTES} is
 * refused, and the text is read in one pass (`content-types-xml.ts`).
 */
export class OfficeStructureCheck {
  private readonly tail = new LastBytes(DIRECTORY_TAIL_BYTES);
  private total = 0;
  /** The last bytes seen, so that a local header cut between two chunks is still found. */
  private carry = Buffer.alloc(0);
  private captures: Capture[] = [];

  constructor(private readonly type: AllowedType & { officeMain: string }) {}

  /** Takes the next bytes of the file. */
  write(chunk: Buffer): void {
    const position = this.total;
    this.findContentTypesHeaders(chunk, position);
    for (const capture of this.captures) capture.take(chunk, position);
    this.total += chunk.length;
    this.tail.write(chunk);
  }

  /** Once every byte is written: why the file is not a document of the type, or null when it is one. */
  finish(): string | null {
    let entries: ZipEntry[];
    try {
      entries = readCentralDirectory(this.tail.bytes(), this.total);
    } catch (error) {
      if (error instanceof ZipDirectoryError) return error.message;
      throw error;
    }
    const byName = new Map(entries.map((entry) => [entry.name.toLowerCase(), entry]));
    const manifests = entries.filter((entry) => entry.name.toLowerCase() === CONTENT_TYPES.toLowerCase());
    const [manifest] = manifests;
    if (manifest === undefined) return `it is a zip archive without ${CONTENT_TYPES}`;
    if (manifests.length > 1) return `it holds ${CONTENT_TYPES} more than once`;
    if (manifest.uncompressedSize > MAX_CONTENT_TYPES_BYTES) {
      return `its ${CONTENT_TYPES} is larger than ${MAX_CONTENT_TYPES_BYTES / 1024} KiB`;
    }
    const xml = this.contentTypesXml(manifest);
    if (xml === null) return `its ${CONTENT_TYPES} cannot be read`;

    let overrides;
    try {
      overrides = declaredParts(xml);
    } catch (error) {
      if (error instanceof ContentTypesError) return `its ${CONTENT_TYPES} ${error.message}`;
      throw error;
    }
    const mains = overrides.filter((part) => part.contentType === this.type.officeMain.toLowerCase());
    if (mains.length === 0) {
      const other = ALLOWED_TYPES.find((t) =>
        overrides.some((part) => part.contentType === t.officeMain?.toLowerCase()),
      );
      return other ? `it is a ${other.label} file` : `it declares no main part of a ${this.type.label} file`;
    }
    const missing = mains.find((part) => !byName.has(part.name));
    return missing ? `its main part ${missing.name} is missing` : null;
  }

  private findContentTypesHeaders(chunk: Buffer, position: number): void {
    const window = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    const windowStart = position - this.carry.length;
    for (let at = window.indexOf(LOCAL_SIGNATURE); at !== -1; at = window.indexOf(LOCAL_SIGNATURE, at + 1)) {
      // A header cut short here is still in the carry, and is looked at again with the next chunk.
      if (at + LOCAL_HEADER_BYTES + CONTENT_TYPES_NAME.length > window.length) break;
      if (!isContentTypesHeader(window, at) || this.captures.length >= MAX_CANDIDATES) continue;
      const flags = window.readUInt16LE(at + 6);
      const declaredSize = window.readUInt32LE(at + 18);
      const sizeKnown = (flags & SIZES_AFTER_DATA) === 0 && declaredSize !== 0xffffffff;
      const extraLength = window.readUInt16LE(at + 28);
      this.captures.push(
        new Capture(
          windowStart + at,
          windowStart + at + LOCAL_HEADER_BYTES + CONTENT_TYPES_NAME.length + extraLength,
          sizeKnown ? Math.min(declaredSize, MAX_COMPRESSED_BYTES) : MAX_COMPRESSED_BYTES,
        ),
      );
    }
    const keep = LOCAL_HEADER_BYTES + CONTENT_TYPES_NAME.length - 1;
    this.carry = Buffer.from(window.subarray(Math.max(0, window.length - keep)));
  }

  /** The text of `[Content_Types].xml`, from the bytes captured at the offset the directory gives, or null. */
  private contentTypesXml(entry: ZipEntry): string | null {
    const capture = this.captures.find((c) => c.headerOffset === entry.localHeaderOffset);
    const encrypted = (entry.flags & ENCRYPTED) !== 0;
    if (!capture || encrypted || entry.compressedSize > MAX_COMPRESSED_BYTES) return null;
    const compressed = capture.bytes();
    if (compressed.length < entry.compressedSize) return null;
    let bytes: Buffer;
    try {
      const data = compressed.subarray(0, entry.compressedSize);
      if (entry.method === STORED) bytes = data;
      else if (entry.method === DEFLATED) {
        bytes = inflateRawSync(data, { maxOutputLength: MAX_CONTENT_TYPES_BYTES });
      } else return null;
    } catch {
      return null;
    }
    if (bytes.length !== entry.uncompressedSize || crc32(bytes) !== entry.crc32) return null;
    return decodeXml(bytes);
  }
}

const CONTENT_TYPES = '[Content_Types].xml';
const CONTENT_TYPES_NAME = Buffer.from(CONTENT_TYPES, 'latin1');
const LOCAL_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const LOCAL_HEADER_BYTES = 30;
const ENCRYPTED = 0x0001;
const SIZES_AFTER_DATA = 0x0008;
const STORED = 0;
const DEFLATED = 8;
/** Deflating adds a few bytes to what does not compress: a bound on what the capped text takes compressed. */
const MAX_COMPRESSED_BYTES = MAX_CONTENT_TYPES_BYTES + 1024;
/** A zip may hold other packages (an embedded document), each with a `[Content_Types].xml` of its own. */
const MAX_CANDIDATES = 8;

function isContentTypesHeader(window: Buffer, at: number): boolean {
  const nameAt = at + LOCAL_HEADER_BYTES;
  return (
    window.readUInt16LE(at + 26) === CONTENT_TYPES_NAME.length &&
    window.subarray(nameAt, nameAt + CONTENT_TYPES_NAME.length).equals(CONTENT_TYPES_NAME)
  );
}

/** The bytes of the file from `dataStart`, at most `limit` of them, copied as they stream past. */
class Capture {
  private chunks: Buffer[] = [];
  private length = 0;

  constructor(
    readonly headerOffset: number,
    private readonly dataStart: number,
    private readonly limit: number,
  ) {}

  take(chunk: Buffer, position: number): void {
    const from = Math.max(this.dataStart + this.length, position);
    const to = Math.min(this.dataStart + this.limit, position + chunk.length);
    if (from >= to) return;
    this.chunks.push(Buffer.from(chunk.subarray(from - position, to - position)));
    this.length += to - from;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.length);
  }
}

/**
 * The last `capacity` bytes of a stream. Until there are more, the chunks are kept as they came; then they are
 * written round and round into one buffer, so that each byte is copied once whatever the size of the chunks.
 */
class LastBytes {
  private chunks: Buffer[] = [];
  private held = 0;
  private ring: Buffer | null = null;
  /** Where the next byte goes in the ring: just after the last one, just before the oldest one. */
  private end = 0;

  constructor(private readonly capacity: number) {}

  write(chunk: Buffer): void {
    if (this.ring === null) {
      if (this.held + chunk.length <= this.capacity) {
        this.chunks.push(chunk);
        this.held += chunk.length;
        return;
      }
      this.ring = Buffer.alloc(this.capacity);
      for (const earlier of this.chunks) this.copyIn(this.ring, earlier);
      this.chunks = [];
    }
    this.copyIn(this.ring, chunk);
  }

  bytes(): Buffer {
    if (this.ring === null) return Buffer.concat(this.chunks, this.held);
    return Buffer.concat([this.ring.subarray(this.end), this.ring.subarray(0, this.end)]);
  }

  private copyIn(ring: Buffer, chunk: Buffer): void {
    const bytes = chunk.length > this.capacity ? chunk.subarray(chunk.length - this.capacity) : chunk;
    const first = Math.min(bytes.length, this.capacity - this.end);
    bytes.copy(ring, this.end, 0, first);
    bytes.copy(ring, 0, first);
    this.end = (this.end + bytes.length) % this.capacity;
  }
}

/** XML text in UTF-8, or in UTF-16 when it starts with a byte order mark saying so. */
function decodeXml(bytes: Buffer): string | null {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : 'utf-8';
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
