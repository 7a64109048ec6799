import { DocketError } from '@docket/domain';

/** A body passed the `maxBytes` given to `BlobStore.put`; nothing was stored. */
export class BlobTooLargeError extends DocketError {
  readonly code = 'TOO_LARGE';
  constructor(readonly maxBytes: number) {
    super(`the file is larger than the limit of ${maxBytes} bytes`);
  }
}
