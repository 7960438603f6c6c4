import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query';

/** One page of a cursor-paged list endpoint (`?cursor=`, answered with `nextCursor`). */
interface CursorPage<T> {
  items: T[];
  nextCursor?: string | null;
}

/**
 * A cursor-paged list read page by page as one growing list. `fetchPage` receives the cursor to
 * spread into its query (nothing for the first page); `items` are the pages loaded so far, joined.
 */
export function useCursorList<T>({
  queryKey,
  fetchPage,
  refetchInterval,
}: {
  queryKey: QueryKey;
  fetchPage: (cursor: { cursor?: string }) => Promise<CursorPage<T>>;
  refetchInterval?: number;
}) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam ? { cursor: pageParam } : {}),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    ...(refetchInterval ? { refetchInterval } : {}),
  });
  return { query, items: query.data?.pages.flatMap((p) => p.items) };
}
