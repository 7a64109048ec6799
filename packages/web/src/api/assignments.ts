import {
  assignableReviewersViewSchema,
  contractViewSchema,
  stateAnalystsViewSchema,
  type AssignableReviewer,
  type ContractView,
  type StateAnalyst,
} from '@docket/domain';
import { request } from './client';

const reviewersOf = (contractId: string) => `/api/contracts/${encodeURIComponent(contractId)}/reviewers`;

/** Assigns a reviewer to the filing; answers the filing after. */
export function assignReviewer(contractId: string, userId: string): Promise<ContractView> {
  return request('POST', reviewersOf(contractId), { body: { userId }, schema: contractViewSchema });
}

/** Takes a reviewer off the filing; answers the filing after. */
export function unassignReviewer(contractId: string, userId: string): Promise<ContractView> {
  return request('DELETE', `${reviewersOf(contractId)}/${encodeURIComponent(userId)}`, {
    schema: contractViewSchema,
  });
}

/** The largest page the API gives; CMS has far fewer reviewers than a few pages of it. */
const PAGE = 100;

/** Every reviewer that may be assigned, by email, read a page at a time. */
export async function listAssignableReviewers(): Promise<AssignableReviewer[]> {
  const all: AssignableReviewer[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ limit: String(PAGE) });
    if (cursor) params.set('cursor', cursor);
    const page = await request('GET', `/api/reviewers?${params.toString()}`, {
      schema: assignableReviewersViewSchema,
    });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return all;
}

/** The CMS analysts of a state, by name. */
export function listStateAnalysts(stateCode: string): Promise<StateAnalyst[]> {
  return request('GET', `/api/states/${encodeURIComponent(stateCode)}/analysts`, {
    schema: stateAnalystsViewSchema,
  });
}
