import {
  Link,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { POSTMORTEM_STATES } from '@vigil/backstage-plugin-incidents-common';
import {
  Box,
  Grid,
  MenuItem,
  TablePagination,
  TextField,
  Tooltip,
  Typography,
} from '@material-ui/core';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { incidentsApiRef } from '../api/IncidentsApi';
import type { PostmortemListItem, PostmortemState } from '../api/types';
import {
  formatRelative,
  formatTimestamp,
  NONE,
  POSTMORTEM_STATE_LABELS,
} from '../lib/format';
import { useIncidentLinks } from '../lib/links';
import { useIncidentsConfig } from '../lib/useIncidentsConfig';
import { useIncidentSignal } from '../lib/useIncidentSignal';
import { PostmortemStateChip, SeverityChip } from './Chips';
import { EntityRefList } from './EntityRefs';
import { PAGE_SIZES } from './IncidentsList';

function Time(props: { iso?: string }) {
  if (!props.iso) return <>{NONE}</>;
  return (
    <Tooltip title={formatTimestamp(props.iso)}>
      <span>{formatRelative(props.iso)}</span>
    </Tooltip>
  );
}

/**
 * Postmortems, most recently updated first, filtered by state and paginated
 * on the server; reloads live when the backend announces a change.
 */
export function PostmortemsList(props: {
  /** Only postmortems of incidents affecting this entity (the entity tab). */
  entityRef?: string;
  title?: string;
  pageSizes?: number[];
  /** Called on live updates, so siblings (metrics) can reload too. */
  onLiveUpdate?: () => void;
}) {
  const { entityRef, onLiveUpdate } = props;
  const pageSizes = props.pageSizes ?? PAGE_SIZES;
  const api = useApi(incidentsApiRef);
  const links = useIncidentLinks();
  const { config } = useIncidentsConfig();
  const [state, setState] = useState<PostmortemState | ''>('');
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(pageSizes[0]);

  const { value, loading, error, retry } = useAsyncRetry(
    () =>
      api.listPostmortems({
        ...(state ? { state } : {}),
        ...(entityRef ? { entityRef } : {}),
        limit: pageSize,
        offset: page * pageSize,
      }),
    [api, state, entityRef, page, pageSize],
  );

  useIncidentSignal(signal => {
    // Postmortem edits and state changes, and incidents getting one.
    if (signal.type === 'timeline_appended') return;
    retry();
    onLiveUpdate?.();
  });

  const columns: TableColumn<PostmortemListItem>[] = [
    {
      title: 'Title',
      field: 'title',
      render: item => (
        <>
          <Link to={links.postmortem(item.incidentId)}>{item.title}</Link>
          <Typography variant="caption" display="block" color="textSecondary">
            {item.incidentId}
          </Typography>
        </>
      ),
    },
    {
      title: 'State',
      field: 'state',
      width: '120px',
      render: item => <PostmortemStateChip state={item.state} />,
    },
    {
      title: 'Severity',
      field: 'incidentSeverity',
      width: '90px',
      render: item => (
        <SeverityChip
          severity={item.incidentSeverity}
          severities={config.severities}
        />
      ),
    },
    ...(entityRef
      ? []
      : [
          {
            title: 'Affected',
            render: (item: PostmortemListItem) => (
              <EntityRefList entityRefs={item.entityRefs} />
            ),
          },
        ]),
    { title: 'Updated', render: item => <Time iso={item.updatedAt} /> },
    { title: 'Published', render: item => <Time iso={item.publishedAt} /> },
  ];

  const title = props.title ?? 'Postmortems';
  return (
    <Box>
      <Box mb={2}>
        <Grid container spacing={2}>
          <Grid item xs={12} sm={6} md={3}>
            <TextField
              select
              fullWidth
              variant="outlined"
              size="small"
              id={`postmortems-filter-state${entityRef ? '-entity' : ''}`}
              label="State"
              value={state}
              SelectProps={{
                displayEmpty: true,
                SelectDisplayProps: { 'aria-label': 'Postmortem state' },
              }}
              InputLabelProps={{ shrink: true }}
              onChange={e => {
                setState(e.target.value as PostmortemState | '');
                setPage(0);
              }}
            >
              <MenuItem value="">Any</MenuItem>
              {POSTMORTEM_STATES.map(s => (
                <MenuItem key={s} value={s}>
                  {POSTMORTEM_STATE_LABELS[s]}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
        </Grid>
      </Box>
      {error ? (
        <ResponseErrorPanel error={error} />
      ) : (
        <>
          <Table<PostmortemListItem>
            title={value ? `${title} (${value.totalCount})` : title}
            columns={columns}
            data={value?.items ?? []}
            isLoading={loading && !value}
            options={{ paging: false, search: false, sorting: false }}
            emptyContent={
              <Box p={2}>
                {state ? (
                  <Typography>No postmortems match this filter.</Typography>
                ) : (
                  <>
                    <Typography gutterBottom>
                      {entityRef
                        ? 'No postmortems for incidents affecting this entity yet.'
                        : 'No postmortems have been written yet.'}
                    </Typography>
                    <Typography variant="body2" color="textSecondary">
                      Postmortems are written from resolved incidents: open a
                      resolved incident and choose &quot;Create
                      postmortem&quot;.
                    </Typography>
                  </>
                )}
              </Box>
            }
          />
          {value && value.totalCount > 0 && (
            <TablePagination
              component="div"
              count={value.totalCount}
              page={page}
              rowsPerPage={pageSize}
              rowsPerPageOptions={pageSizes}
              onPageChange={(_event, next) => setPage(next)}
              onRowsPerPageChange={event => {
                setPageSize(Number(event.target.value));
                setPage(0);
              }}
            />
          )}
        </>
      )}
    </Box>
  );
}
