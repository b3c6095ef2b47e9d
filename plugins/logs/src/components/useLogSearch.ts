import { useApi } from '@backstage/core-plugin-api';
import type { LogLine, LogsEntity } from '@vigil/backstage-plugin-logs-common';
import { useCallback, useEffect, useState } from 'react';
import { logsApiRef } from '../api/LogsApi';
import { windowOf, type TabFilters } from '../lib/filters';

/** One search's pages, newest first; `loadMore` fetches the next (older) page. */
export function useLogSearch(
  entity: LogsEntity,
  filters: TabFilters,
  enabled: boolean,
) {
  const api = useApi(logsApiRef);
  const [state, setState] = useState<{
    lines: LogLine[];
    nextCursor?: string;
    loading: boolean;
    error?: unknown;
    window?: { from: string; to: string };
  }>({ lines: [], loading: true });
  const { kind, namespace, name } = entity;
  const { range, from, to, q, level, requestId } = filters;

  useEffect(() => {
    if (!enabled) return undefined;
    let cancelled = false;
    // A preset's window is fixed when the search runs, so pages line up.
    const window = windowOf(
      { range, from, to, q, level, requestId },
      Date.now(),
    );
    setState({ lines: [], loading: true, window });
    api
      .search(
        { kind, namespace, name },
        { ...window, q: q.trim() || undefined, level, requestId },
      )
      .then(
        page =>
          !cancelled &&
          setState({
            lines: page.items,
            nextCursor: page.nextCursor,
            loading: false,
            window,
          }),
        error =>
          !cancelled && setState({ lines: [], loading: false, error, window }),
      );
    return () => {
      cancelled = true;
    };
  }, [
    api,
    kind,
    namespace,
    name,
    range,
    from,
    to,
    q,
    level,
    requestId,
    enabled,
  ]);

  const loadMore = useCallback(async () => {
    const { nextCursor, window } = state;
    if (!nextCursor || !window) return;
    setState(s => ({ ...s, loading: true }));
    try {
      const page = await api.search(
        { kind, namespace, name },
        {
          ...window,
          q: q.trim() || undefined,
          level,
          requestId,
          cursor: nextCursor,
        },
      );
      setState(s => ({
        ...s,
        lines: [...s.lines, ...page.items],
        nextCursor: page.nextCursor,
        loading: false,
      }));
    } catch (error) {
      setState(s => ({ ...s, loading: false, error }));
    }
  }, [api, state, kind, namespace, name, q, level, requestId]);

  return { ...state, loadMore };
}
