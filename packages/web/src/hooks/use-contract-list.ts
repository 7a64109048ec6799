import type { ContractSummaryView } from '@docket/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { listContracts } from '../api/contracts';

export interface ContractListState {
  status: 'loading' | 'ready' | 'error';
  items: ContractSummaryView[];
  /** Set when more rows can be loaded. */
  hasMore: boolean;
  loadingMore: boolean;
  /** The last failure, of the first page or of "load more". */
  error: unknown;
  loadMore(): void;
  retry(): void;
}

const PAGE_SIZE = 25;

/** A dashboard's rows, a page at a time, following the server's cursor. */
export function useContractList(): ContractListState {
  const [items, setItems] = useState<ContractSummaryView[]>([]);
  const [status, setStatus] = useState<ContractListState['status']>('loading');
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    setStatus('loading');
    listContracts(null, PAGE_SIZE).then(
      (page) => {
        if (!live.current) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setError(null);
        setStatus('ready');
      },
      (failure: unknown) => {
        if (!live.current) return;
        setError(failure);
        setStatus('error');
      },
    );
    return () => {
      live.current = false;
    };
  }, [attempt]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    listContracts(cursor, PAGE_SIZE).then(
      (page) => {
        if (!live.current) return;
        setItems((current) => {
          const seen = new Set(current.map((c) => c.id));
          return [...current, ...page.items.filter((c) => !seen.has(c.id))];
        });
        setCursor(page.nextCursor);
        setError(null);
        setLoadingMore(false);
      },
      (failure: unknown) => {
        if (!live.current) return;
        setError(failure);
        setLoadingMore(false);
      },
    );
  }, [cursor, loadingMore]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return { status, items, hasMore: cursor !== null, loadingMore, error, loadMore, retry };
}
