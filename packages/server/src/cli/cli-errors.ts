import { DocketError } from '@docket/domain';

/**
 * The `docket` commands' own typed errors, beside the configuration's (`ConfigError`) and the transfers'. Their
 * codes are in the domain's table with no HTTP status: a command reports them as one line and exits 1.
 */

/** The command line asks for something impossible: options that go together, or that contradict each other. */
export class UsageError extends DocketError {
  readonly code = 'INVALID_USAGE';
}

/** The person at the terminal cancelled the command (Ctrl-C at a prompt). */
export class CancelledError extends DocketError {
  readonly code = 'CANCELLED';
  constructor() {
    super('Cancelled');
  }
}

/** A datastore to read from does not answer as a Docket datastore; the cause holds the driver's own words. */
export class DatastoreUnreadableError extends DocketError {
  readonly code = 'DATASTORE_UNREADABLE';
}
