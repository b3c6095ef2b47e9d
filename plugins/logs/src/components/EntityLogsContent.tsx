import { Button, Card, CardContent, Typography } from '@material-ui/core';
import { Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  FailedRequestAlert,
  HelpIcon,
  errorMessage,
} from '@vigil/frontend-kit';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { logServiceOf } from '@vigil/backstage-plugin-logs-common';
import { useCallback, useState } from 'react';
import {
  filtersFromQuery,
  queryFromFilters,
  type TabFilters,
} from '../lib/filters';
import { LogFilters } from './LogFilters';
import { LogLineRow } from './LogLineRow';
import { useLogSearch } from './useLogSearch';
import { useLogTail } from './useLogTail';

/**
 * The entity's "Logs" tab: search its log lines by words, level, time
 * range and request id, or follow them live. The filters live in the URL
 * query (links from incidents and SLO burns set them), kept in step with
 * history.replaceState so the view can be shared and reloaded.
 */
export function EntityLogsContent(props: { tailPollMs?: number } = {}) {
  const { entity } = useEntity();
  const target = {
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  };
  const [filters, setFilters] = useState<TabFilters>(() =>
    filtersFromQuery(window.location.search),
  );
  const [live, setLive] = useState(false);
  const change = useCallback((next: TabFilters) => {
    setFilters(next);
    const url = `${window.location.pathname}${queryFromFilters(next)}`;
    window.history.replaceState(window.history.state, '', url);
  }, []);
  const search = useLogSearch(target, filters, !live);
  const tail = useLogTail(target, filters, live, props.tailPollMs);
  const lines = live ? tail.lines : search.lines;
  const error = live ? tail.error : search.error;
  const byRequest = (requestId: string) => change({ ...filters, requestId });
  let scope = '';
  if (live) scope = ', live: new lines appear on top every few seconds';
  else if (search.window) {
    scope = `, ${search.window.from} to ${search.window.to}, newest first`;
  }

  return (
    <Card>
      <CardContent>
        <LogFilters
          filters={filters}
          onChange={change}
          live={live}
          onLiveChange={setLive}
        />
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ margin: '12px 0' }}
        >
          Lines of service <code>{logServiceOf(entity)}</code>
          {scope}
          <HelpIcon topic="logs" />
        </Typography>
        {error !== undefined && (
          <FailedRequestAlert
            data-testid="logs-error"
            error={error}
            entityRef={stringifyEntityRef(entity)}
          >
            {errorMessage(error)}
          </FailedRequestAlert>
        )}
        {!live && search.loading && lines.length === 0 && <Progress />}
        {error === undefined &&
          !search.loading &&
          !live &&
          lines.length === 0 && (
            <Typography data-testid="logs-empty">
              No log lines match in this time range. Widen the range, lower the
              level or clear the search.
            </Typography>
          )}
        {live && lines.length === 0 && error === undefined && (
          <Typography data-testid="logs-waiting">
            Waiting for new lines…
          </Typography>
        )}
        <div data-testid="log-lines">
          {lines.map(line => (
            <LogLineRow key={line.id} line={line} onRequestId={byRequest} />
          ))}
        </div>
        {!live && search.nextCursor && (
          <Button
            onClick={search.loadMore}
            disabled={search.loading}
            data-testid="logs-more"
            style={{ marginTop: 12 }}
          >
            Older lines
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
