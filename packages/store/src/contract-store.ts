import {
  ValidationError,
  type AuditEvent,
  type Contract,
  type ContractChange,
  type ContractFormData,
  type ContractListQuery,
  type ContractSummary,
  type Rate,
  type ReviewerAssignment,
} from '@docket/domain';
import type { Page, PageRequest } from './page';

/** A contract change is planned by the domain's commands; each adapter applies every kind of it. */
export type { ContractChange, RateWrites } from '@docket/domain';

/** A change to a contract, with its event, made on top of the version it was decided from. */
export interface ContractApply {
  expectedVersion: number;
  at: string;
  change: ContractChange;
  event: AuditEvent;
}

/** One contract's part of a write to several contracts at once (`ContractStore.applyAll`). */
export interface ContractApplyPart extends ContractApply {
  /** The contract the change is to. */
  id: string;
  /** Events recorded beside `event`, about this contract too (one fact that several contracts' histories show). */
  moreEvents?: AuditEvent[];
}

/**
 * The most contracts one `applyAll` may change. DynamoDB writes the whole of it in one TransactWriteItems, whose
 * item limit this keeps well clear of (each part costs its contract item, its events and a few children).
 */
export const MAX_CONTRACTS_PER_WRITE = 20;

/**
 * Checks what every adapter's `applyAll` refuses before writing anything.
 * @throws ValidationError as `ContractStore.applyAll` says.
 */
export function checkParts(parts: readonly ContractApplyPart[]): void {
  const ids = new Set(parts.map((part) => part.id.toLowerCase()));
  if (parts.length === 0 || ids.size !== parts.length) {
    throw new ValidationError('A write to several contracts names each of them once');
  }
  if (parts.length > MAX_CONTRACTS_PER_WRITE) {
    throw new ValidationError(
      `One write changes at most ${MAX_CONTRACTS_PER_WRITE} contracts; this one would change ${parts.length}`,
    );
  }
}

export interface NewContract {
  id: string;
  stateCode: string;
  revisionId: string;
  formData: ContractFormData;
  at: string;
  /** The CREATE_CONTRACT event, written in the same transaction. */
  event: AuditEvent;
}

/** The contract `create` makes of `input`, numbered `stateNumber`: version 1, one draft revision, no review. */
export function firstVersionOf(input: NewContract, stateNumber: number): Contract {
  return {
    id: input.id,
    stateCode: input.stateCode,
    stateNumber,
    version: 1,
    createdAt: input.at,
    updatedAt: input.at,
    mccrsId: null,
    revisions: [
      {
        id: input.revisionId,
        contractId: input.id,
        number: 1,
        formData: input.formData,
        rateLinks: [],
        createdAt: input.at,
        updatedAt: input.at,
        submitted: null,
        unlocked: null,
      },
    ],
    reviewActions: [],
    reversedRevisions: [],
  };
}

/** A contract with the rates its revisions link, read together (see `ContractStore.getWithRates`). */
export interface ContractWithRates {
  contract: Contract;
  /**
   * Every rate any revision of the contract links, each once, in order of first mention (oldest revision first,
   * then in link order), each with all its revisions.
   */
  rates: Rate[];
}

/**
 * A filing as its summary page shows it and as a change to it is decided from (see `ContractStore.getFiling`): the
 * snapshot of `getWithRates`, with the contract's history and the other contracts whose rates it links.
 */
export interface Filing extends ContractWithRates {
  /**
   * The events of the contract's milestones, oldest first (by time, then id), read with the snapshot: its creation
   * and every change but draft saves (the domain's `isFilingMilestone`), which only the event log keeps.
   */
  history: AuditEvent[];
  /**
   * The contracts, other than this one, that own a rate it links, each once, in no particular order. Read beside
   * the snapshot, not necessarily in it: a parent only names the rate and says whether it may still be linked.
   */
  rateParents: Contract[];
  /**
   * The reviewers assigned to the filing, by time assigned (then user id). Assignments do not move the contract's
   * version: they are read with the filing (in the same statement on PostgreSQL; one more Query on DynamoDB), and
   * `applyToFiling` answers those of its basis.
   */
  reviewers: ReviewerAssignment[];
}

/**
 * Contract submissions with their revisions and review decisions.
 *
 * **Reads are snapshots.** `get` and `getWithRates` answer what the datastore held at one moment between two
 * changes: the revisions and review actions are exactly those of the version returned, and (for `getWithRates`)
 * every rate is as it was at that same moment, so each rate a revision links is there, with the revision the link
 * names. A read racing any number of `apply` calls never sees half a change and never fails because of one.
 * (The PostgreSQL adapter reads with one statement; the DynamoDB adapter reads the contract's partition, then
 * every item it found with the rates in one transactional read, and reads again, a bounded number of times, when
 * the two disagree.) Lists promise less: a page is not one snapshot across its contracts, and on DynamoDB it may
 * trail the latest writes by the time the service takes to update an index (ADR 0003, ADR 0011).
 *
 * **Lists read summaries, never whole contracts.** Each list item is the domain's `ContractSummary`, stored with
 * the contract's head (its row, its item) and moved by every `apply` in the same write, under the same version
 * check, so each summary listed equals `summaryFactsOf` of the contract at the version it names: never a change
 * behind one that committed before the list read it, never ahead of one that failed. A page is one index-served
 * query, whatever its size (docs/adr/0012-list-projection.md).
 */
export interface ContractStore {
  /**
   * Creates a contract with one draft revision, numbered with the state's next contract number. The counter is
   * incremented in the same transaction, so no number is ever handed out twice, however many creates race.
   * The new contract has version 1.
   * @throws NotFoundError when the state is not stored.
   */
  create(input: NewContract): Promise<Contract>;

  /**
   * The contract with all its revisions (oldest first) and review actions, as one snapshot (see above).
   * @throws NotFoundError when there is no such contract.
   */
  get(id: string): Promise<Contract>;

  /**
   * The contract and every rate its revisions link, as one snapshot (see above): what a view of the filing shows
   * and what a change to it is decided from. A linked rate is never missing from a snapshot (rates that a change
   * deletes are unlinked by that same change); one that is would mean the store is damaged, which fails loudly
   * with a plain Error, never with NotFoundError.
   * @throws NotFoundError when there is no such contract.
   */
  getWithRates(id: string): Promise<ContractWithRates>;

  /**
   * The filing as its summary page shows it: `getWithRates`'s snapshot with the contract's history, read in the
   * same statement (PostgreSQL) or the same Query of its partition (DynamoDB), and the parents of the rates it links
   * that are other contracts (in the same statement on PostgreSQL; one Query each on DynamoDB).
   * @throws NotFoundError when there is no such contract.
   */
  getFiling(id: string): Promise<Filing>;

  /**
   * Applies one change, with its event, atomically, if and only if the contract is still at `expectedVersion`;
   * the version then increases by one and `updatedAt` becomes `at`. On any failure nothing is written.
   * @throws NotFoundError when there is no such contract.
   * @throws VersionConflictError when the contract is at another version, or the change targets a revision that
   * is not the contract's unsubmitted latest revision (a submitted revision is never altered).
   * @throws UniquenessError when the event's id (or a new revision's id) already exists.
   */
  apply(id: string, input: ContractApply): Promise<Contract>;

  /**
   * `apply`, for a change decided from a filing `getFiling` read: answers the filing as the change left it, as
   * `getFiling` would read it just after — the contract, every rate its revisions link, the history with the
   * change's event last (unless it is a draft save), and the other contracts whose rates it links — without reading it all again.
   *
   * `basis` is the filing the change was decided from: as `getFiling` answered it at `expectedVersion`, with any
   * rates the change newly links (and their parents) added. An adapter may build the change's writes and its answer
   * from it instead of reading the contract first: whenever the contract is still at `expectedVersion`, which the
   * change requires, the basis is what the datastore holds (rates change only with their parent contract's
   * version). PostgreSQL applies the change as `apply` does and reads the filing in the same transaction; DynamoDB
   * writes it in one TransactWriteItems (after reading its state's rate counter when it creates rates).
   * @throws as `apply`.
   */
  applyToFiling(id: string, input: ContractApply & { basis: Filing }): Promise<Filing>;

  /**
   * The contracts `query` selects, as summaries, in its order: one page of a dashboard. Filtering, sorting and
   * paging happen in the datastore, through indexes (PostgreSQL indexes on the head's columns; DynamoDB keys and
   * index items written with the change), never by reading contracts a page does not show.
   *
   * - `view` picks the slice and the updated time that the type and program filters and the UPDATED sort read
   *   (`viewedSlice`, `viewedUpdatedAt`); the SUBMITTED view lists only contracts submitted at least once.
   * - `statuses` match `summaryStatus` of the summary; `states`, `submissionTypes` and `statuses` match any of
   *   their values (null: any; an empty list: none); `programId` matches a slice that chose that program.
   * - The order is total: the sort value, then the id in the same direction. Contracts never submitted come after
   *   every submitted one when sorted by SUBMITTED, in both directions.
   *
   * Paging is by keyset (the sort value and the id of the last item, see `contract-list-cursor.ts`): a contract
   * whose sort value and filtered facts do not change while a client pages through is listed exactly once,
   * whatever is created or changed meanwhile. A page is one index-served query (one statement on PostgreSQL).
   * @throws InvalidCursorError when `page.cursor` is not a cursor this list handed out for this same query (a
   * cursor of another filter, sort or view included), before the engine is asked anything.
   */
  listContracts(query: ContractListQuery, page: PageRequest): Promise<Page<ContractSummary>>;

  /**
   * Applies changes to several contracts (each at most once) as one atomic write: each part only if its contract
   * is still at its `expectedVersion`, whose version then moves by one, with its events. If any part fails — a
   * version conflict, a missing contract, a rate not where the change says — nothing at all is written. What a
   * withdrawal needs: the withdrawn contract's review action, and the rates its other linkers take over.
   * Answers the contracts after the write, in the order of `parts`.
   * @throws ValidationError when `parts` is empty, names a contract twice, or has more than
   * MAX_CONTRACTS_PER_WRITE parts; otherwise as `apply`.
   */
  applyAll(parts: readonly ContractApplyPart[]): Promise<Contract[]>;

  /**
   * Assigns a reviewer to a contract, with its ASSIGN_REVIEWER event (which names the contract, so the filing's
   * history shows it), atomically. The contract's version and `updatedAt` do not move: an assignment never
   * conflicts with a draft save or a review action of the same contract, nor they with it. Which users may be
   * assigned, and by whom, is the caller's to check.
   * @throws NotFoundError when there is no such contract.
   * @throws UniquenessError with code `REVIEWER_ALREADY_ASSIGNED` when the reviewer is already assigned (however
   * many assign them at once, one succeeds); nothing is written.
   */
  assignReviewer(
    contractId: string,
    input: { reviewer: ReviewerAssignment; event: AuditEvent },
  ): Promise<void>;

  /**
   * Takes a reviewer off a contract, with its UNASSIGN_REVIEWER event, atomically; the version does not move.
   * @throws NotFoundError when the reviewer is not assigned to the contract (or there is no such contract).
   */
  unassignReviewer(contractId: string, input: { userId: string; event: AuditEvent }): Promise<void>;

  /**
   * One state's contracts, drafts included, newest first (highest state number first), as summaries. Contracts
   * created while a client pages through are never skipped or repeated: they only ever appear before the first
   * page.
   */
  listByState(stateCode: string, page: PageRequest): Promise<Page<ContractSummary>>;

  /**
   * Summaries of the contracts that have been submitted at least once, of every state, by time of first
   * submission, newest first (ties broken by id). A contract submitted while a client pages through appears
   * before the first page only.
   */
  listSubmitted(page: PageRequest): Promise<Page<ContractSummary>>;

  /** Summaries of every contract, drafts included, newest first by creation (ties broken by id). */
  listAll(page: PageRequest): Promise<Page<ContractSummary>>;
}
