import type { User } from '@docket/domain';
import type { ContractDetails } from './contract-access';
import { writeContract, type ContractWriteStores, type WriteBasis } from './contract-write';

/** Records the filing's four-digit number in the legacy MC-CRS system. */
export function setMccrsId(
  stores: ContractWriteStores,
  user: User,
  basis: WriteBasis,
  mccrsId: string,
): Promise<ContractDetails> {
  return writeContract(stores, user, 'SET_MCCRS_ID', basis, null, () => ({
    change: { kind: 'SET_MCCRS_ID', mccrsId },
    revisionId: null,
    details: { mccrsId },
  }));
}
