import type { ContractSummary, Rate, RateListItem, RateListQuery, RateLinkSubmission } from '@docket/domain';
import type { Page, PageRequest } from './page';

/** A contract that links a rate, as the rate's page lists it. */
export interface RateLinker {
  /** The contract's summary, as dashboards list it. */
  contract: ContractSummary;
  /**
   * The contract's submissions that touched the rate, oldest first: exactly the domain's `rateLinkHistories` of
   * the whole contract for this rate (empty for a parent never submitted). The last one says whether the
   * contract's latest submission still includes the rate, and at which of its revisions.
   */
  submissions: RateLinkSubmission[];
}

/**
 * Rate certifications, read side. Rates are written only as part of a change to their parent contract
 * (`ContractStore.apply` with `RateWrites`), so that a contract and the rates it owns always move together.
 */
export interface RateStore {
  /** The rate with all its revisions, oldest first. @throws NotFoundError */
  get(id: string): Promise<Rate>;

  /**
   * The rates with these ids, in the order asked, each with all its revisions. Ids repeated are answered once
   * per mention. @throws NotFoundError naming the first id that is not stored.
   */
  getMany(ids: readonly string[]): Promise<Rate[]>;

  /**
   * One state's rates that have been submitted at least once (the ones another contract may link), newest first
   * by state rate number. Paging never repeats or skips a rate that stays linkable throughout.
   */
  listLinkable(stateCode: string, page: PageRequest): Promise<Page<Rate>>;

  /**
   * One page of the rate reviews dashboard (`RateListQuery`): rates submitted at least once, filtered, sorted and
   * paged by the datastore through its indexes (docs/adr/0027-rate-reviews-dashboard.md), each with its facts
   * (`rateSummaryOf` of the rate under its review status, kept by every change that moves them) and its parent
   * contract's number and programs. The order is total (ties by id); a rate whose sort value and filtered facts do
   * not change is listed exactly once however others change between pages.
   * @throws InvalidCursorError when the cursor was made for another query, or by no list.
   */
  listRates(query: RateListQuery, page: PageRequest): Promise<Page<RateListItem>>;

  /** The rates a contract owns (is the parent of), oldest first by state rate number. */
  listByParent(contractId: string): Promise<Rate[]>;

  /**
   * The contracts that link the rate: its parent contract first, whatever its status, then every other contract a
   * submitted revision of which links it, by the time of the first submission that included it (ties by id). Each
   * with its summary and its submissions that touched the rate. A state's unsubmitted draft links nothing here.
   * Served by an index on every adapter, whatever the number of contracts (docs/adr/0021-rate-links-read.md); on
   * DynamoDB the links are read consistently and the summaries from the contract items.
   * @throws NotFoundError when there is no such rate.
   */
  listLinkers(rateId: string): Promise<RateLinker[]>;
}
