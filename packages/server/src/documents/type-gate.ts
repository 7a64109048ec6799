import { Transform, type TransformCallback } from 'node:stream';
import { EmptyFileError, UnsupportedFileTypeError } from './document-errors';
import { opensLikeMarkup, sniffContent, SNIFF_BYTES, type AllowedType } from './file-types';
import { OfficeStructureCheck } from './office-structure';

/**
 * A pass-through that checks a file's content against the type its name claims before letting any byte go on.
 * It holds back the first {@link SNIFF_BYTES} bytes (or the whole file, if shorter), decides, and then passes
 * everything through untouched; it never holds more than that. A refused file makes the stream fail with
 * `UnsupportedFileTypeError`, an empty one with `EmptyFileError`, so whatever it feeds stores nothing. It emits
 * `accepted` once the content has passed, before passing on the first byte, so a consumer can wait for that
 * before it starts storing anything.
 *
 * An Office Open XML file (DOCX, XLSX, XLSM) is a zip whose parts say what it is; the zip's directory is at its
 * end. So its structure is checked as it streams past (with a bounded memory, see `office-structure.ts`) and
 * decided once the last byte has gone by: a refusal then fails the stream before it ends, which a consumer that
 * stores all or nothing (the blob store's `put`) takes as a failed body, storing nothing. A file short enough to be
 * held whole is decided before anything is passed on.
 */
export class TypeGate extends Transform {
  private held: Buffer[] = [];
  private heldBytes = 0;
  private decided = false;
  private readonly structure: OfficeStructureCheck | null;

  constructor(
    private readonly type: AllowedType,
    private readonly name: string,
  ) {
    super();
    const { officeMain } = type;
    this.structure = officeMain === undefined ? null : new OfficeStructureCheck({ ...type, officeMain });
  }

  override _transform(data: Buffer | string, encoding: BufferEncoding, callback: TransformCallback): void {
    const chunk = typeof data === 'string' ? Buffer.from(data, encoding) : data;
    this.structure?.write(chunk);
    if (this.decided) {
      callback(null, chunk);
      return;
    }
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    if (this.heldBytes < SNIFF_BYTES) {
      callback();
      return;
    }
    const refusal = this.refusal(false);
    if (refusal === null) this.pass();
    callback(refusal);
  }

  override _flush(callback: TransformCallback): void {
    if (!this.decided && this.heldBytes === 0) {
      callback(new EmptyFileError(this.name));
      return;
    }
    // A file held whole is refused, if it is, before anything of it is passed on.
    const refusal = (this.decided ? null : this.refusal(true)) ?? this.structureRefusal();
    if (refusal) {
      callback(refusal);
      return;
    }
    if (!this.decided) this.pass();
    callback();
  }

  /** Lets what is held go on, and everything after it. */
  private pass(): void {
    const held = Buffer.concat(this.held, this.heldBytes);
    this.held = [];
    this.decided = true;
    this.emit('accepted');
    this.push(held);
  }

  /** Why the first bytes held are not a file of the type; `complete` when they are the whole file. */
  private refusal(complete: boolean): UnsupportedFileTypeError | null {
    const held = Buffer.concat(this.held, this.heldBytes);
    const head = held.subarray(0, SNIFF_BYTES);
    const reason = this.headRefusal(head, complete && held.length <= SNIFF_BYTES);
    return reason === null ? null : new UnsupportedFileTypeError(reason);
  }

  private headRefusal(head: Buffer, complete: boolean): string | null {
    const sniffed = sniffContent(head, complete);
    if (sniffed.kind === 'executable') return `${this.name} is a program, not a document`;
    if (sniffed.kind === 'unknown') return `The content of ${this.name} is not a document Docket accepts`;
    if (sniffed.family !== this.type.family) {
      return `The content of ${this.name} is not a ${this.type.label} file, as its name says`;
    }
    if (sniffed.family === 'text' && opensLikeMarkup(head)) {
      return `The content of ${this.name} is HTML, SVG or XML, not ${this.type.label}`;
    }
    return null;
  }

  /** Once the whole file has gone by: why its structure is not that of its Office type, if it is one. */
  private structureRefusal(): UnsupportedFileTypeError | null {
    const reason = this.structure?.finish() ?? null;
    if (reason === null) return null;
    return new UnsupportedFileTypeError(
      `The content of ${this.name} is not a ${this.type.label} file, as its name says: ${reason}`,
    );
  }
}
