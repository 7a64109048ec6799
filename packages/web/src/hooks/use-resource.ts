import { useCallback, useEffect, useState } from 'react';

/** The state of one piece of data a page loads from the API. */
export type Resource<T> =
  { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T };

/**
 * Loads `load()` when the page mounts or `key` changes; answers that arrive after the page moved on are dropped.
 * `reload` fetches again; `replace` swaps in fresh data a write returned, without a round trip.
 */
export function useResource<T>(
  key: string,
  load: () => Promise<T>,
): [Resource<T>, { reload: () => void; replace: (data: T) => void }] {
  const [state, setState] = useState<{ key: string; resource: Resource<T> }>({
    key,
    resource: { status: 'loading' },
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setState({ key, resource: { status: 'loading' } });
    load().then(
      (data) => live && setState({ key, resource: { status: 'ready', data } }),
      (error: unknown) => live && setState({ key, resource: { status: 'error', error } }),
    );
    return () => {
      live = false;
    };
    // `load` is a new closure on each render; `key` names what it loads, so it alone decides when to fetch.
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((data: T) => setState({ key, resource: { status: 'ready', data } }), [key]);
  const resource: Resource<T> = state.key === key ? state.resource : { status: 'loading' };
  return [resource, { reload, replace }];
}
