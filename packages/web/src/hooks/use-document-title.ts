import { useEffect } from 'react';

/** Sets the browser tab's title for the page: "{page} | Docket". */
export function useDocumentTitle(page: string): void {
  useEffect(() => {
    document.title = page ? `${page} | Docket` : 'Docket';
  }, [page]);
}
