import { UniquenessError } from '@docket/domain';
import type { UserStore } from '@docket/store';
import { createUser } from './create-user';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';

/** Creates every demo account that does not exist yet (restarts keep the ones already there). */
export async function ensureDemoUsers(
  stores: { users: UserStore },
  progress: (message: string) => void = () => {},
): Promise<{ created: number; existing: number }> {
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (await stores.users.findByEmail(account.email)) continue;
    progress(`Creating demo user ${account.email}…`);
    try {
      await createUser(stores, account, DEMO_PASSWORD, null);
      created += 1;
    } catch (error) {
      if (!(error instanceof UniquenessError)) throw error;
    }
  }
  return { created, existing: DEMO_ACCOUNTS.length - created };
}
