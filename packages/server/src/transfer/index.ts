/** Moving data between datastores and archives: `docket copy`, `docket backup`, `docket restore`. */
export { ArchiveError, ARCHIVE_FORMAT, ARCHIVE_VERSION, type Manifest, type RecordsPart } from './archive';
export { backupDatastore, BackupError, type BackupOptions } from './backup';
export { CheckpointError, defaultCheckpointPath, readCheckpoint, type Checkpoint } from './checkpoint';
export { canonicalJson, ContentHash, contentHashOf } from './content-hash';
export { copyDatastore, type CopyOptions } from './copy';
export { formatCount, formatRate, type ProgressSink } from './progress';
export { restoreArchive, verifyArchive, type RestoreOptions, type VerifiedArchive } from './restore';
export { TargetNotEmptyError } from './target-guard';
export {
  formatReport,
  measureKind,
  VerificationError,
  verifyDatastores,
  type KindComparison,
  type KindMeasure,
  type VerificationReport,
} from './verification';
