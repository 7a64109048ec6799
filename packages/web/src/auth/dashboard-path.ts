import type { UserAbilities } from '@docket/domain';

/** The user's home page, as the policy chose it: a state's own filings, or the submissions CMS reviews. */
export function dashboardPath(abilities: Pick<UserAbilities, 'home'>): string {
  return abilities.home === 'STATE_DASHBOARD' ? '/dashboard' : '/submissions';
}
