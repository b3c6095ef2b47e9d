import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { Page } from '@vigil/backstage-plugin-support-common';

export const PAGE_SIZE = 20;

/** One page of a list at a time, with its offset and a reload. */
export function usePagedList<T>(
  load: (query: { limit: number; offset: number }) => Promise<Page<T>>,
) {
  const [offset, setOffset] = useState(0);
  const state = useAsyncRetry(
    () => load({ limit: PAGE_SIZE, offset }),
    [load, offset],
  );
  const next = useCallback(() => setOffset(o => o + PAGE_SIZE), []);
  const previous = useCallback(
    () => setOffset(o => Math.max(0, o - PAGE_SIZE)),
    [],
  );
  const total = state.value?.totalCount ?? 0;
  return {
    ...state,
    offset,
    hasNext: offset + PAGE_SIZE < total,
    hasPrevious: offset > 0,
    next,
    previous,
  };
}
