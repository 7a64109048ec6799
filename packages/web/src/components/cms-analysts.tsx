import { stateName } from '@docket/domain';
import { listStateAnalysts } from '../api/assignments';
import { useResource } from '../hooks/use-resource';
import { LoadError } from './load-error';
import { Loading } from './loading';

/** The CMS analysts of the user's state: whom to ask about a filing, with their emails. */
export function CmsAnalysts({ stateCode }: { stateCode: string }) {
  const [analysts, { reload }] = useResource(`analysts:${stateCode}`, () => listStateAnalysts(stateCode));
  const state = stateName(stateCode) ?? stateCode;
  return (
    <section aria-labelledby="cms-analysts-heading" id="cms-analysts" className="margin-top-5">
      <h2 id="cms-analysts-heading">Your CMS analysts</h2>
      {analysts.status === 'loading' && <Loading label="Loading your CMS analysts" />}
      {analysts.status === 'error' && (
        <LoadError what="your CMS analysts" error={analysts.error} onRetry={reload} />
      )}
      {analysts.status === 'ready' &&
        (analysts.data.length === 0 ? (
          <p>
            No CMS analysts are assigned to {state} yet. The Docket help desk can tell you whom to ask about a
            filing.
          </p>
        ) : (
          <>
            <p>The CMS staff assigned to {state}: ask them about your filings.</p>
            <ul className="usa-list" data-testid="cms-analysts">
              {analysts.data.map((analyst) => (
                <li key={analyst.userId}>
                  {analyst.givenName} {analyst.familyName}
                  {analyst.division ? ` (${analyst.division})` : ''}:{' '}
                  <a className="usa-link" href={`mailto:${analyst.email}`}>
                    {analyst.email}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ))}
    </section>
  );
}
