import { useApi } from '@backstage/core-plugin-api';
import type { LogLine, LogsEntity } from '@vigil/backstage-plugin-logs-common';
import { useEffect, useState } from 'react';
import { logsApiRef } from '../api/LogsApi';
import type { TabFilters } from '../lib/filters';

/** How often the tail polls, and how many lines it keeps on screen. */
export const TAIL_POLL_MS = 2000;
export const TAIL_MAX_LINES = 1000;

/**
 * Live tail: polls the API with the last cursor while `enabled`; new lines
 * go on top (newest first, like the search). A failed poll is shown and
 * retried at the next tick.
 */
export function useLogTail(
  entity: LogsEntity,
  filters: TabFilters,
  enabled: boolean,
  pollMs = TAIL_POLL_MS,
) {
  const api = useApi(logsApiRef);
  const [lines, setLines] = useState<LogLine[]>([]);
  const [error, setError] = useState<unknown>();
  const { kind, namespace, name } = entity;
  const { q, level, requestId } = filters;

  useEffect(() => {
    if (!enabled) return undefined;
    let cancelled = false;
    let cursor: string | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setLines([]);
    const poll = async () => {
      try {
        const tail = await api.tail(
          { kind, namespace, name },
          {
            q: q.trim() || undefined,
            level,
            requestId,
            after: cursor,
            limit: 500,
          },
        );
        if (cancelled) return;
        cursor = tail.cursor;
        setError(undefined);
        if (tail.items.length > 0) {
          setLines(old =>
            [...[...tail.items].reverse(), ...old].slice(0, TAIL_MAX_LINES),
          );
        }
      } catch (e) {
        if (!cancelled) setError(e);
      }
      if (!cancelled) timer = setTimeout(poll, pollMs);
    };
    poll();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [api, kind, namespace, name, q, level, requestId, enabled, pollMs]);

  return { lines, error };
}
