import { Transform, type TransformCallback } from 'node:stream';
import { EmptyFileError, UnsupportedFileTypeError } from './document-errors';
import { opensLikeMarkup, sniffContent, SNIFF_BYTES, type AllowedType } from './file-types';

/**
 * A pass-through that checks a file's content against the type its name claims before letting any byte go on.
 * It holds back the first {@link SNIFF_BYTES} bytes (or the whole file, if shorter), decides, and then passes
 * everything through untouched; it never holds more than that. A refused file makes the stream fail with
 * `UnsupportedFileTypeError`, an empty one with `EmptyFileError`, so whatever it feeds stores nothing. It emits
 * `accepted` once the content has passed, before passing on the first byte, so a consumer can wait for that
 * before it starts storing anything.
 */
export class TypeGate extends Transform {
  private held: Buffer[] = [];
  private heldBytes = 0;
  private decided = false;

  constructor(
    private readonly type: AllowedType,
    private readonly name: string,
  ) {
    super();
  }

  override _transform(data: Buffer | string, encoding: BufferEncoding, callback: TransformCallback): void {
    const chunk = typeof data === 'string' ? Buffer.from(data, encoding) : data;
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
    this.release(false, callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.decided) {
      callback();
      return;
    }
    if (this.heldBytes === 0) {
      callback(new EmptyFileError(this.name));
      return;
    }
    this.release(true, callback);
  }

  /** Decides on what is held, then passes it on (or fails). */
  private release(complete: boolean, callback: TransformCallback): void {
    const held = Buffer.concat(this.held, this.heldBytes);
    this.held = [];
    const refusal = this.refusal(held.subarray(0, SNIFF_BYTES), complete && held.length <= SNIFF_BYTES);
    if (refusal) {
      callback(new UnsupportedFileTypeError(refusal));
      return;
    }
    this.decided = true;
    this.emit('accepted');
    callback(null, held);
  }

  private refusal(head: Buffer, complete: boolean): string | null {
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
}
