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
  noun: string;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}) {
  return (
    <div className="display-flex flex-align-center flex-wrap margin-top-2">
      <p className="margin-y-1 margin-right-2" role="status">
        Showing {shown} {noun}
        {hasMore ? '' : ' (all)'}
      </p>
      {hasMore && (
        <Button type="button" outline onClick={onLoadMore} disabled={loading}>
          {loading ? 'Loading more…' : 'Load more'}
        </Button>
      )}
    </div>
  );
}
