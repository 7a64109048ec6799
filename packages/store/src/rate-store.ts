import type { Rate } from '@docket/domain';
import type { Page, PageRequest } from './page';

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

  /** The rates a contract owns (is the parent of), oldest first by state rate number. */
  listByParent(contractId: string): Promise<Rate[]>;
}
