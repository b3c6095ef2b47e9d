import { Link, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { POSTMORTEM_STATES } from '@vigil/backstage-plugin-incidents-common';
import { Box, Grid, MenuItem, TextField, Typography } from '@material-ui/core';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { incidentsApiRef } from '../api/IncidentsApi';
import type { PostmortemListItem, PostmortemState } from '../api/types';
import { POSTMORTEM_STATE_LABELS } from '../lib/format';
import { useIncidentLinks } from '../lib/links';
import { useIncidentsConfig } from '../lib/useIncidentsConfig';
import { useIncidentSignal } from '../lib/useIncidentSignal';
import { PostmortemStateChip, SeverityChip } from './Chips';
import { EntityRefList } from './EntityRefs';
import { PAGE_SIZES, RelativeTime, ServerPagedTable } from './ServerPagedTable';

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
    { title: 'Updated', render: item => <RelativeTime iso={item.updatedAt} /> },
    {
      title: 'Published',
      render: item => <RelativeTime iso={item.publishedAt} />,
    },
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
      <ServerPagedTable<PostmortemListItem>
        title={title}
        columns={columns}
        result={value}
        loading={loading}
        error={error}
        emptyContent={
          state ? (
            <Typography>No postmortems match this filter.</Typography>
          ) : (
            <>
              <Typography gutterBottom>
                {entityRef
                  ? 'No postmortems for incidents affecting this entity yet.'
                  : 'No postmortems have been written yet.'}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                Postmortems are written from resolved incidents: open a resolved
                incident and choose &quot;Create postmortem&quot;.
              </Typography>
            </>
          )
        }
        page={page}
        pageSize={pageSize}
        pageSizes={pageSizes}
        onPageChange={setPage}
        onPageSizeChange={size => {
          setPageSize(size);
          setPage(0);
        }}
      />
    </Box>
  );
}
