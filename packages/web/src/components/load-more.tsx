import { Button } from '@trussworks/react-uswds';

/** "Load more" under a list, with how many rows are showing. */
export function LoadMore({
  shown,
  noun,
  hasMore,
  loading,
  onLoadMore,
}: {
  shown: number;
  /** The listed thing, singular and plural: `['submission', 'submissions']`. */
  noun: readonly [singular: string, plural: string];
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}) {
  return (
    <div className="display-flex flex-align-center flex-wrap margin-top-2">
      <p className="margin-y-1 margin-right-2" role="status">
        {hasMore
          ? `Showing the first ${shown} ${noun[1]}`
          : `Showing all ${shown} ${shown === 1 ? noun[0] : noun[1]}`}
      </p>
      {hasMore && (
        <Button type="button" outline onClick={onLoadMore} disabled={loading}>
          {loading ? 'Loading more…' : 'Load more'}
        </Button>
      )}
    </div>
  );
}
