/**
 * The POSIX ustar header, the one piece the archive writer and reader share. Only what Docket's archives use:
 * regular files with names of up to 100 bytes. Sizes past 8 GiB use the base-256 form GNU tar and bsdtar read.
 */
import { DocketError } from '@docket/domain';

export const BLOCK = 512;

/** The two zero blocks that end an archive. */
export const END_OF_ARCHIVE = Buffer.alloc(BLOCK * 2);

const NAME = { at: 0, length: 100 };
const MODE = { at: 100, length: 8 };
const UID = { at: 108, length: 8 };
const GID = { at: 116, length: 8 };
const SIZE = { at: 124, length: 12 };
const MTIME = { at: 136, length: 12 };
const CHECKSUM = { at: 148, length: 8 };
const TYPE_FLAG = 156;
const MAGIC = { at: 257, length: 6 };
const VERSION = { at: 263, length: 2 };
const UNAME = { at: 265, length: 32 };
const GNAME = { at: 297, length: 32 };
const PREFIX = { at: 345, length: 155 };

/** The largest size the octal field holds: 11 octal digits. */
const MAX_OCTAL_SIZE = 8 ** 11 - 1;

/** A header block that is not a ustar header of a regular file, or is damaged. */
export class TarHeaderError extends DocketError {
  readonly code = 'MALFORMED_TAR_HEADER';
}

function writeOctal(block: Buffer, field: { at: number; length: number }, value: number): void {
  block.write(`${value.toString(8).padStart(field.length - 1, '0')}\0`, field.at, field.length, 'latin1');
}

function writeSize(block: Buffer, size: number): void {
  if (size <= MAX_OCTAL_SIZE) return writeOctal(block, SIZE, size);
  // Base-256: the first byte's top bit marks it, the rest is the size big-endian.
  let rest = BigInt(size);
  for (let i = SIZE.at + SIZE.length - 1; i > SIZE.at; i--) {
    block[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  block[SIZE.at] = 0x80;
}

function checksumOf(block: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) {
    sum += i >= CHECKSUM.at && i < CHECKSUM.at + CHECKSUM.length ? 0x20 : (block[i] ?? 0);
  }
  return sum;
}

/** The header of a regular file. `mtime` is in seconds since the epoch. */
export function fileHeader(name: string, size: number, mtime: number): Buffer {
  if (Buffer.byteLength(name, 'utf8') > NAME.length) throw new RangeError(`Entry name too long: ${name}`);
  const block = Buffer.alloc(BLOCK);
  block.write(name, NAME.at, NAME.length, 'utf8');
  writeOctal(block, MODE, 0o644);
  writeOctal(block, UID, 0);
  writeOctal(block, GID, 0);
  writeSize(block, size);
  writeOctal(block, MTIME, mtime);
  block.write('0', TYPE_FLAG, 1, 'latin1');
  block.write('ustar\0', MAGIC.at, MAGIC.length, 'latin1');
  block.write('00', VERSION.at, VERSION.length, 'latin1');
  block.write('docket', UNAME.at, UNAME.length, 'latin1');
  block.write('docket', GNAME.at, GNAME.length, 'latin1');
  block.write(`${checksumOf(block).toString(8).padStart(6, '0')}\0 `, CHECKSUM.at, CHECKSUM.length, 'latin1');
  return block;
}

/** How many bytes of padding follow `size` bytes of data to fill the last block. */
export function paddingAfter(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

export function isZeroBlock(block: Buffer): boolean {
  return block.every((byte) => byte === 0);
}

function readText(block: Buffer, field: { at: number; length: number }): string {
  const bytes = block.subarray(field.at, field.at + field.length);
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString('utf8');
}

function readOctal(block: Buffer, field: { at: number; length: number }, what: string): number {
  const text = readText(block, field).trim();
  if (!/^[0-7]+$/.test(text)) throw new TarHeaderError(`its ${what} field is not a number`);
  return parseInt(text, 8);
}

function readSize(block: Buffer): number {
  if (((block[SIZE.at] ?? 0) & 0x80) === 0) return readOctal(block, SIZE, 'size');
  let size = BigInt((block[SIZE.at] ?? 0) & 0x7f);
  for (let i = SIZE.at + 1; i < SIZE.at + SIZE.length; i++) size = (size << 8n) | BigInt(block[i] ?? 0);
  if (size > BigInt(Number.MAX_SAFE_INTEGER)) throw new TarHeaderError('its size is too large');
  return Number(size);
}

/** The name and size a header block describes. @throws TarHeaderError when it is damaged or not a regular file. */
export function parseHeader(block: Buffer): { name: string; size: number } {
  if (!block.subarray(MAGIC.at, MAGIC.at + 5).equals(Buffer.from('ustar', 'latin1'))) {
    throw new TarHeaderError('it is not a ustar header');
  }
  // Exactly as written (six octal digits, NUL, space): leading spaces or zeros would leave bytes of the header free.
  const checksum = block.toString('latin1', CHECKSUM.at, CHECKSUM.at + CHECKSUM.length);
  if (!/^[0-7]{6}\0 $/.test(checksum) || parseInt(checksum.slice(0, 6), 8) !== checksumOf(block)) {
    throw new TarHeaderError('its checksum does not match (the header was altered or damaged)');
  }
  const type = String.fromCharCode(block[TYPE_FLAG] ?? 0);
  if (type !== '0' && type !== '\0') throw new TarHeaderError(`it is of type '${type}', not a regular file`);
  const prefix = readText(block, PREFIX);
  const name = readText(block, NAME);
  return { name: prefix ? `${prefix}/${name}` : name, size: readSize(block) };
}
