import type { Contract } from '../contract';
import type { ContractAction, ContractActionInput } from '../contract-actions';
import type { DocumentRef } from '../form-fields';
import type { Rate } from '../rate';
import type { Program } from '../reference-data';
import type { ActorRef } from '../users';
import type { PlannedChange } from './contract-change';

/** What an upload's receipt says of a document offered for a filing: see `acceptContractDocuments`. */
export type UploadVerdict = 'valid' | 'expired' | 'invalid';

/**
 * Everything a command decides from: the filing as the datastore held it at the version the change is based on,
 * the state's programs, who acts and when, and the few services a decision needs (new ids, upload receipts).
 * Loaded by the write shell (`writeContract`), which has already checked the reader, the role, the version, the
 * lifecycle and the reason.
 */
export interface CommandContext {
  contract: Contract;
  /** Every rate any revision of the contract links, with all its revisions. */
  rates: readonly Rate[];
  /** The contracts other than this one that own a rate it links, by id. */
  rateParents: ReadonlyMap<string, Contract>;
  /** The state's programs, retired ones included. */
  programs: readonly Program[];
  at: string;
  by: ActorRef;
  /**
   * Rates the input names (`ContractCommand.ratesNamed`) that the filing does not link, as stored, by id, with their
   * parent contracts by id. A named rate that does not exist is missing here.
   */
  named: { rates: ReadonlyMap<string, Rate>; parents: ReadonlyMap<string, Contract> };
  /** A new unique id (a UUID). */
  newId: () => string;
  /** Checks the receipt of a document offered as an upload of the acting user's state. */
  verifyUpload: (document: DocumentRef) => UploadVerdict;
}

/** A planned change, with the rates it newly links (and their parents), read to plan it: the answer shows them. */
export interface CommandResult extends PlannedChange {
  newlyLinked?: { rates: Rate[]; parents: Contract[] };
}

/**
 * One action's command: a pure function from the context and the request's input to the change to apply, which
 * refuses with a ValidationError (nothing written) when the input cannot be accepted.
 */
export interface ContractCommand<A extends ContractAction> {
  /** The ids of rates the input names, which the shell loads into `named` when the filing does not link them. */
  ratesNamed?: (input: ContractActionInput<A>) => string[];
  plan: (ctx: CommandContext, input: ContractActionInput<A>) => CommandResult;
}
