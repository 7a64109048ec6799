import {
  contractFormDocuments,
  rateFormDocuments,
  type Contract,
  type DocumentRef,
  type Rate,
} from '@docket/domain';

/** A blob that the filings refer to, as the first reference to it describes it. */
export interface ReferencedBlob {
  key: string;
  /** What the reference says the bytes are. */
  size: number;
  sha256: string;
  contentType: string;
  /** The document's file name, for messages. */
  name: string;
  /** Which record refers to it, for messages: `contract <id>` or `rate <id>`. */
  referencedBy: string;
}

/**
 * The blobs that a set of contracts and rates refer to, each once however many revisions hold it, in the order
 * first met. Memory grows with the number of distinct documents (a few hundred bytes each), never with their size.
 */
export class ReferencedBlobs {
  private readonly byKey = new Map<string, ReferencedBlob>();
  private totalBytes = 0;

  addContract(contract: Contract): void {
    for (const revision of contract.revisions) {
      this.addAll(contractFormDocuments(revision.formData), `contract ${contract.id}`);
    }
  }

  addRate(rate: Rate): void {
    for (const revision of rate.revisions) {
      this.addAll(rateFormDocuments(revision.formData), `rate ${rate.id}`);
    }
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** How many distinct blobs. */
  get count(): number {
    return this.byKey.size;
  }

  /** Their sizes summed, as the references give them. */
  get bytes(): number {
    return this.totalBytes;
  }

  values(): IterableIterator<ReferencedBlob> {
    return this.byKey.values();
  }

  private addAll(documents: readonly DocumentRef[], referencedBy: string): void {
    for (const d of documents) {
      if (this.byKey.has(d.blobKey)) continue;
      this.byKey.set(d.blobKey, {
        key: d.blobKey,
        size: d.size,
        sha256: d.sha256,
        contentType: d.contentType,
        name: d.name,
        referencedBy,
      });
      this.totalBytes += d.size;
    }
  }
}

/** Every blob key a contract's or a rate's revisions refer to (with repeats). */
export function documentKeysOf(record: Contract | Rate): string[] {
  if ('parentContractId' in record) {
    return record.revisions.flatMap((r) => rateFormDocuments(r.formData).map((d) => d.blobKey));
  }
  return record.revisions.flatMap((r) => contractFormDocuments(r.formData).map((d) => d.blobKey));
}
