import { Link, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  INCIDENT_STATUS_FILTERS,
  SEVERITIES,
} from '@vigil/backstage-plugin-incidents-common';
import type { SandboxListing } from '@vigil/backstage-plugin-sandbox-common';
import { SandboxListingSelect } from '@vigil/frontend-kit';
import { Box, Grid, MenuItem, TextField, Typography } from '@material-ui/core';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import { incidentsApiRef } from '../api/IncidentsApi';
import type {
  Incident,
  IncidentListQuery,
  IncidentStatusFilter,
  Severity,
} from '../api/types';
import { NONE, STATUS_LABELS } from '../lib/format';
import { useIncidentLinks } from '../lib/links';
import { useIncidentsConfig } from '../lib/useIncidentsConfig';
import { useIncidentSignal } from '../lib/useIncidentSignal';
import { PostmortemStateChip, SeverityChip, StatusChip } from './Chips';
import { EntityRefList, EntityRefText } from './EntityRefs';
import { PAGE_SIZES, RelativeTime, ServerPagedTable } from './ServerPagedTable';
/** Wait for typing to pause before asking the server again. */
const SEARCH_DEBOUNCE_MS = 300;

export interface IncidentFilters {
  status: IncidentStatusFilter;
  severity: Severity | '';
  q: string;
  /** Portal-wide only: an entity's own list always shows its incidents. */
  sandbox: SandboxListing;
}

const STATUS_FILTER_LABELS: Record<IncidentStatusFilter, string> = {
  open: 'Open (not resolved)',
  all: 'All',
  ...STATUS_LABELS,
};

function FilterBar(props: {
  filters: IncidentFilters;
  onChange: (filters: IncidentFilters) => void;
  /** Offer the sandbox filter (the portal-wide list). */
  sandboxFilter: boolean;
}) {
  const { filters, onChange, sandboxFilter } = props;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={6} md={3}>
        <TextField
          select
          fullWidth
          variant="outlined"
          size="small"
          id="incidents-filter-status"
          label="Status"
          value={filters.status}
          SelectProps={{ SelectDisplayProps: { 'aria-label': 'Status' } }}
          onChange={e =>
            onChange({
              ...filters,
              status: e.target.value as IncidentStatusFilter,
            })
          }
        >
          {INCIDENT_STATUS_FILTERS.map(status => (
            <MenuItem key={status} value={status}>
              {STATUS_FILTER_LABELS[status]}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12} sm={6} md={3}>
        <TextField
          select
          fullWidth
          variant="outlined"
          size="small"
          id="incidents-filter-severity"
          label="Severity"
          value={filters.severity}
          SelectProps={{
            displayEmpty: true,
            SelectDisplayProps: { 'aria-label': 'Severity' },
          }}
          InputLabelProps={{ shrink: true }}
          onChange={e =>
            onChange({ ...filters, severity: e.target.value as Severity | '' })
          }
        >
          <MenuItem value="">Any</MenuItem>
          {SEVERITIES.map(s => (
            <MenuItem key={s} value={s}>
              {s}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12} md={sandboxFilter ? 4 : 6}>
        <TextField
          fullWidth
          variant="outlined"
          size="small"
          id="incidents-filter-search"
          label="Search"
          placeholder="Words in the title"
          value={filters.q}
          inputProps={{ 'aria-label': 'Search' }}
          onChange={e => onChange({ ...filters, q: e.target.value })}
        />
      </Grid>
      {sandboxFilter && (
        <Grid item xs={12} sm={6} md={2}>
          <SandboxListingSelect
            id="incidents-filter-sandbox"
            value={filters.sandbox}
            onChange={sandbox => onChange({ ...filters, sandbox })}
          />
        </Grid>
      )}
    </Grid>
  );
}

function toQuery(
  filters: IncidentFilters,
  entityRef?: string,
): IncidentListQuery {
  const query: IncidentListQuery = { status: filters.status };
  if (entityRef) query.entityRef = entityRef;
  // Practice incidents do not crowd the portal-wide list unless asked for.
  else if (filters.sandbox !== 'include') query.sandbox = filters.sandbox;
  if (filters.severity) query.severity = filters.severity;
  const q = filters.q.trim();
  if (q) query.q = q;
  return query;
}

/**
 * Incidents newest first, filtered and paginated on the server; reloads live
 * when the backend announces a change.
 */
export function IncidentsList(props: {
  /** Only incidents affecting this entity (the entity tab). */
  entityRef?: string;
  title?: string;
  /** Called on live updates, so siblings (metrics) can reload too. */
  onLiveUpdate?: () => void;
}) {
  const { entityRef, onLiveUpdate } = props;
  const api = useApi(incidentsApiRef);
  const links = useIncidentLinks();
  const { config } = useIncidentsConfig();
  const [filters, setFilters] = useState<IncidentFilters>({
    status: 'all',
    severity: '',
    q: '',
    sandbox: 'exclude',
  });
  const [query, setQuery] = useState<IncidentListQuery>(() =>
    toQuery(filters, entityRef),
  );
  // Paged by cursor: the cursor of each page visited, the first's none, so
  // going back asks for a page already seen and going on for the server's
  // next one. A deep page costs the server what the first does.
  const [cursors, setCursors] = useState<Array<string | undefined>>([
    undefined,
  ]);
  const page = cursors.length - 1;
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);

  // Selects apply at once; typing in the search waits for a pause.
  useDebounce(
    () => {
      const next = toQuery(filters, entityRef);
      if (JSON.stringify(next) !== JSON.stringify(query)) {
        setQuery(next);
        setCursors([undefined]);
      }
    },
    filters.q.trim() === (query.q ?? '') ? 0 : SEARCH_DEBOUNCE_MS,
    [filters, entityRef],
  );

  const cursor = cursors[page];
  const { value, loading, error, retry } = useAsyncRetry(
    () =>
      api.listIncidents({
        ...query,
        limit: pageSize,
        ...(cursor ? { cursor } : {}),
      }),
    [api, query, cursor, pageSize],
  );
  const onPageChange = (next: number) => {
    if (next < page) setCursors(cursors.slice(0, next + 1));
    // Until the page shown is the one loaded, its next cursor is not known.
    else if (next === page + 1 && !loading && value?.nextCursor) {
      setCursors([...cursors, value.nextCursor]);
    }
  };

  useIncidentSignal(signal => {
    // The timeline does not show in the list.
    if (signal.type === 'timeline_appended') return;
    retry();
    onLiveUpdate?.();
  });

  const columns: TableColumn<Incident>[] = [
    {
      title: 'Severity',
      field: 'severity',
      width: '90px',
      render: incident => (
        <SeverityChip
          severity={incident.severity}
          severities={config.severities}
        />
      ),
    },
    {
      title: 'Status',
      field: 'status',
      width: '120px',
      render: incident => <StatusChip status={incident.status} />,
    },
    {
      title: 'Title',
      field: 'title',
      render: incident => (
        <>
          <Link to={links.incident(incident.id)}>{incident.title}</Link>
          <Typography variant="caption" display="block" color="textSecondary">
            {incident.id}
          </Typography>
        </>
      ),
    },
    ...(entityRef
      ? []
      : [
          {
            title: 'Affected',
            render: (incident: Incident) => (
              <EntityRefList entityRefs={incident.entityRefs} />
            ),
          },
        ]),
    {
      title: 'Commander',
      render: incident => (
        <EntityRefText entityRef={incident.roles.commander} />
      ),
    },
    {
      title: 'Declared',
      render: incident => <RelativeTime iso={incident.timestamps.declaredAt} />,
    },
    {
      title: 'Postmortem',
      render: incident =>
        incident.postmortemState ? (
          <Link to={links.postmortem(incident.id)}>
            <PostmortemStateChip state={incident.postmortemState} />
          </Link>
        ) : (
          NONE
        ),
    },
  ];

  const title = props.title ?? 'Incidents';
  return (
    <Box>
      <Box mb={2}>
        <FilterBar
          filters={filters}
          onChange={setFilters}
          sandboxFilter={!entityRef}
        />
      </Box>
      <ServerPagedTable<Incident>
        title={title}
        columns={columns}
        result={value}
        hasNextPage={Boolean(value?.nextCursor)}
        loading={loading}
        error={error}
        emptyContent={
          <Typography>
            {filters.status === 'all' && !filters.severity && !filters.q
              ? 'No incidents have been declared.'
              : 'No incidents match these filters.'}
          </Typography>
        }
        page={page}
        pageSize={pageSize}
        onPageChange={onPageChange}
        onPageSizeChange={size => {
          setPageSize(size);
          setCursors([undefined]);
        }}
      />
    </Box>
  );
}
