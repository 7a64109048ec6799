/** Moving data between datastores, blob stores and archives: `docket copy`, `docket backup`, `docket restore`. */
export {
  ArchiveError,
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  CLEAR_ARCHIVE_VERSION,
  type BlobsSection,
  type CurrentManifest,
  type Manifest,
  type ManifestV2,
  type ManifestV3,
  type RecordsPart,
} from './archive';
export type { BlobLine, BlobMeasure } from './archive-blobs';
export type { ArchiveOpeningOptions } from './archive-opening';
export { backupDatastore, BackupError, type BackupOptions, type BackupResult } from './backup';
export { BackupKey, BackupKeyError } from './backup-key';
export { DocumentBlobError, type BlobProblem } from './backup-blobs';
export {
  BlobCopyError,
  copyBlobs,
  formatBlobCopyReport,
  type BlobCopyOptions,
  type BlobCopyReport,
} from './blob-copy';
export { CheckpointError, defaultCheckpointPath, readCheckpoint, type Checkpoint } from './checkpoint';
export { canonicalJson, ContentHash, contentHashOf } from './content-hash';
export { copyDatastore, type CopyOptions } from './copy';
export { formatBytes, formatCount, formatRate, type ProgressSink } from './progress';
export {
  archiveProblems,
  NoBlobStoreError,
  restoreArchive,
  verifyArchive,
  type RestoreOptions,
  type VerifiedArchive,
} from './restore';
export { TargetNotEmptyError } from './target-guard';
export {
  formatReport,
  measureKind,
  VerificationError,
  verifyDatastores,
  type BlobComparison,
  type KindComparison,
  type KindMeasure,
  type VerificationReport,
} from './verification';
