import { authorizeRead, NotFoundError, type Program, type User } from '@docket/domain';
import type { ContractStore, ContractWithRates, Filing, StateStore } from '@docket/store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an id can name a record at all (a UUID): any other is answered as missing without a read. */
export function isRecordId(id: string): boolean {
  return UUID.test(id);
}

/** What `read` finds, or null where it finds nothing (`NotFoundError`); other errors go on. */
export async function foundOrNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/** Reads a filing with `read`, if the user may read it: missing, malformed and forbidden look the same. */
async function readable<F extends ContractWithRates>(
  user: User,
  id: string,
  read: (id: string) => Promise<F>,
): Promise<F> {
  if (!isRecordId(id)) throw new NotFoundError('Contract', id);
  const filing = await foundOrNull(() => read(id));
  const contract = authorizeRead(user, filing?.contract, id);
  if (filing === null) throw new NotFoundError('Contract', id);
  return { ...filing, contract };
}

/**
 * The contract with every rate its revisions link, as one snapshot of the datastore (`getWithRates`), if the user
 * may read it. A malformed id, a missing contract and one the user may not see all raise the same NotFoundError,
 * so nobody learns that another state's filing exists. What of it the user may see is the policy's
 * `visibleFiling`, applied where it is shown.
 */
export function findReadableFiling(
  contracts: ContractStore,
  user: User,
  id: string,
): Promise<ContractWithRates> {
  return readable(user, id, (contractId) => contracts.getWithRates(contractId));
}

/**
 * `findReadableFiling`, with what the filing's view shows besides: its history and its rates' other parents
 * (`getFiling`, one statement on SQL).
 */
export function findReadableWholeFiling(contracts: ContractStore, user: User, id: string): Promise<Filing> {
  return readable(user, id, (contractId) => contracts.getFiling(contractId));
}

/**
 * A contract with what its view needs: its history, its state's programs (for names) and every rate any of its
 * revisions links, read with it as one snapshot, and the other filings that own rates it links.
 */
export interface ContractDetails extends Filing {
  programs: Program[];
}

/** A filing with its state's programs (reference data, from memory once read), unless the caller has them. */
export async function withPrograms(
  states: Pick<StateStore, 'listPrograms'>,
  filing: Filing,
  programs?: Program[],
): Promise<ContractDetails> {
  return { ...filing, programs: programs ?? (await states.listPrograms(filing.contract.stateCode)) };
}
