import {
  Content,
  Header,
  Link,
  Page,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import {
  HelpIcon,
  ReportableErrorPanel,
  SandboxListingSelect,
} from '@vigil/frontend-kit';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Grid,
  MenuItem,
  TablePagination,
  TextField,
  Typography,
} from '@material-ui/core';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { sloApiRef } from '../api/SloApi';
import {
  SandboxListing,
  Slo,
  SLO_STATUSES,
  SloListQuery,
  SloStatus,
} from '../api/types';
import { formatAttainment, formatBudget, formatObjective } from '../lib/format';
import { useSloReload } from '../lib/useSloReload';
import { useSloTabLink } from '../lib/useSloTabLink';
import { EntityRef } from './EntityRef';
import { RelativeTime } from './RelativeTime';
import { SloEmptyState } from './SloEmptyState';
import { SloStatusChip } from './SloStatusChip';
import { SloEvaluationBanner } from './SloEvaluationBanner';

/** Any evaluation may move an SLO on this page: every signal refetches. */
const ANY_EVALUATION = () => true;

export const PAGE_SIZES = [25, 50, 100];
/** Wait for typing to pause before asking the server again. */
const DEBOUNCE_MS = 300;

export interface SloFilters {
  q: string;
  owner: string;
  system: string;
  lifecycle: string;
  status: SloStatus | '';
  sandbox: SandboxListing;
}

// The sandbox's practice SLOs burn on purpose: left out unless asked for,
// so they do not top a worst-first list of real services.
const NO_FILTERS: SloFilters = {
  q: '',
  owner: '',
  system: '',
  lifecycle: '',
  status: '',
  sandbox: 'exclude',
};

function toQuery(filters: SloFilters): SloListQuery {
  const query: SloListQuery = {};
  const q = filters.q.trim();
  const owner = filters.owner.trim();
  const system = filters.system.trim();
  const lifecycle = filters.lifecycle.trim();
  if (q) query.q = q;
  if (owner) query.owner = owner;
  if (system) query.system = system;
  if (lifecycle) query.lifecycle = lifecycle;
  if (filters.status) query.status = filters.status;
  if (filters.sandbox !== 'include') query.sandbox = filters.sandbox;
  return query;
}

/** Whether the query narrows the list beyond the default (sandbox hidden). */
function narrows(query: SloListQuery): boolean {
  return Object.entries(query).some(
    ([key, value]) => !(key === 'sandbox' && value === NO_FILTERS.sandbox),
  );
}

function FilterBar(props: {
  filters: SloFilters;
  onChange: (filters: SloFilters) => void;
}) {
  const { filters, onChange } = props;
  const text = (
    key: 'q' | 'owner' | 'system' | 'lifecycle',
    label: string,
    placeholder: string,
  ) => (
    <Grid item xs={12} sm={6} md={2}>
      <TextField
        fullWidth
        variant="outlined"
        size="small"
        label={label}
        placeholder={placeholder}
        value={filters[key]}
        inputProps={{ 'aria-label': label }}
        onChange={e => onChange({ ...filters, [key]: e.target.value })}
      />
    </Grid>
  );
  return (
    <Grid container spacing={2}>
      {text('q', 'Search', 'id, name, description or entity')}
      {text('owner', 'Owner', 'group:default/payments')}
      {text('system', 'System', 'system:default/shop')}
      {text('lifecycle', 'Lifecycle', 'production')}
      <Grid item xs={12} sm={6} md={2}>
        <TextField
          select
          fullWidth
          variant="outlined"
          size="small"
          label="Status"
          value={filters.status}
          SelectProps={{ SelectDisplayProps: { 'aria-label': 'Status' } }}
          onChange={e =>
            onChange({ ...filters, status: e.target.value as SloStatus | '' })
          }
        >
          <MenuItem value="">Any</MenuItem>
          {SLO_STATUSES.map(status => (
            <MenuItem key={status} value={status}>
              {status}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12} sm={6} md={2}>
        <SandboxListingSelect
          value={filters.sandbox}
          onChange={sandbox => onChange({ ...filters, sandbox })}
        />
      </Grid>
    </Grid>
  );
}

/** Every SLO across the catalog, worst budget first, paginated on the server. */
export function SloPortfolioPage() {
  const sloApi = useApi(sloApiRef);
  const sloTabLink = useSloTabLink();
  const [filters, setFilters] = useState<SloFilters>(NO_FILTERS);
  const [query, setQuery] = useState<SloListQuery>(() => toQuery(NO_FILTERS));
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);

  useDebounce(
    () => {
      const next = toQuery(filters);
      // Only a real change refetches and goes back to the first page.
      if (JSON.stringify(next) !== JSON.stringify(query)) {
        setQuery(next);
        setPage(0);
      }
    },
    DEBOUNCE_MS,
    [filters],
  );

  const reloadKey = useSloReload(ANY_EVALUATION);
  const request = JSON.stringify({ query, page, pageSize });
  const {
    value: loaded,
    loading,
    error,
  } = useAsync(
    async () => ({
      request,
      response: await sloApi.listSlos({
        ...query,
        limit: pageSize,
        offset: page * pageSize,
      }),
    }),
    [sloApi, request, reloadKey],
  );
  const value = loaded?.response;
  // Live refreshes replace the rows quietly; a new page or filter shows the
  // table's loading state.
  const changingRequest = loading && loaded?.request !== request;

  const columns: TableColumn<Slo>[] = [
    {
      title: 'Status',
      field: 'status',
      render: slo => <SloStatusChip status={slo.status} />,
    },
    {
      title: 'SLO',
      field: 'name',
      render: slo => {
        const link = sloTabLink(slo.entityRef);
        return (
          <>
            {link ? <Link to={link}>{slo.name}</Link> : slo.name}
            <Typography variant="caption" display="block" color="textSecondary">
              {slo.sloId}
            </Typography>
          </>
        );
      },
    },
    {
      title: 'Entity',
      field: 'entityRef',
      render: slo => <EntityRef entityRef={slo.entityRef} />,
    },
    {
      title: 'Owner',
      render: slo => (slo.owner ? <EntityRef entityRef={slo.owner} /> : '—'),
    },
    {
      title: 'Objective',
      render: slo => `${formatObjective(slo.objectivePercent)} / ${slo.period}`,
    },
    { title: 'Attainment', render: slo => formatAttainment(slo.sli) },
    {
      title: 'Budget remaining',
      render: slo => formatBudget(slo.budgetRemaining),
    },
    { title: 'Alert', render: slo => slo.firingAlert ?? '—' },
    {
      title: 'Evaluated',
      render: slo => (
        <>
          <RelativeTime time={slo.evaluatedAt} />
          {slo.stale ? ' (stale)' : ''}
        </>
      ),
    },
  ];

  const hasFilters = narrows(query);
  let body: JSX.Element;
  if (error) {
    body = <ReportableErrorPanel error={error} />;
  } else if (!value) {
    body = <Progress />;
  } else if (value.totalCount === 0 && !hasFilters) {
    body = <SloEmptyState />;
  } else {
    body = (
      <>
        <Table<Slo>
          title={`SLOs (${value.totalCount})`}
          columns={columns}
          data={value.items}
          isLoading={changingRequest}
          options={{ paging: false, search: false, sorting: false }}
          emptyContent={
            <Box p={2}>
              <Typography>No SLOs match these filters.</Typography>
            </Box>
          }
        />
        <TablePagination
          component="div"
          count={value.totalCount}
          page={page}
          rowsPerPage={pageSize}
          rowsPerPageOptions={PAGE_SIZES}
          onPageChange={(_event, next) => setPage(next)}
          onRowsPerPageChange={event => {
            setPageSize(Number(event.target.value));
            setPage(0);
          }}
        />
      </>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="SLOs"
        subtitle="Every service level objective in the catalog, least error budget first"
      >
        <HelpIcon topic="slo-portfolio" />
      </Header>
      <Content>
        <SloEvaluationBanner />
        <Box mb={2} data-tour="slo-filters">
          <FilterBar filters={filters} onChange={setFilters} />
        </Box>
        {body}
      </Content>
    </Page>
  );
}
