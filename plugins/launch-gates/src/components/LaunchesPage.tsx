import {
  Content,
  Header,
  Link,
  Page,
  Progress,
} from '@backstage/core-components';
import { HelpIcon, ReportableErrorPanel } from '@vigil/frontend-kit';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import {
  Box,
  Checkbox,
  FormControlLabel,
  MenuItem,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import type {
  ReviewState,
  ReviewSummary,
} from '@vigil/backstage-plugin-launch-gates-common';
import { useState } from 'react';
import {
  formatDate,
  REVIEW_STATES,
  shortRef,
  STATE_LABELS,
} from '../lib/format';
import { useLaunchTabLink } from '../lib/useEntityLink';
import { ReviewStateChip } from './StatusChip';
import { LaunchFilters, useLaunches } from './useLaunches';

export const PAGE_SIZES = [25, 50, 100];

/** The state filter's choices: undecided by default. */
const STATE_CHOICES: Array<{
  value: string;
  label: string;
  states: ReviewState[];
}> = [
  {
    value: 'undecided',
    label: 'Undecided (open, reopened)',
    states: ['open', 'reopened'],
  },
  ...REVIEW_STATES.map(state => ({
    value: state,
    label: STATE_LABELS[state],
    states: [state],
  })),
  { value: 'any', label: 'Any', states: [] },
];

function LaunchRow(props: { review: ReviewSummary }) {
  const { review } = props;
  const tabLink = useLaunchTabLink()(review.entityRef);
  return (
    <TableRow data-testid="launch-row">
      <TableCell>{formatDate(review.targetDate)}</TableCell>
      <TableCell>
        {tabLink ? (
          <Link to={tabLink}>
            <EntityDisplayName entityRef={review.entityRef} hideIcon />
          </Link>
        ) : (
          review.entityRef
        )}
        <Typography variant="caption" color="textSecondary" component="div">
          {review.title}
        </Typography>
      </TableCell>
      <TableCell>
        <ReviewStateChip state={review.state} />
      </TableCell>
      <TableCell>
        {review.blockers.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            None
          </Typography>
        ) : (
          <Typography variant="body2">{review.blockers.join(', ')}</Typography>
        )}
      </TableCell>
      <TableCell>{review.productOwners.map(shortRef).join(', ')}</TableCell>
    </TableRow>
  );
}

/**
 * Every launch review across the catalog, soonest target date first: the
 * entity (to its Launch tab), the state, what blocks a Go and who signs.
 * Filtered and paged on the server.
 */
export function LaunchesPage() {
  const [choice, setChoice] = useState('undecided');
  const [upcomingOnly, setUpcomingOnly] = useState(true);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const filters: LaunchFilters = {
    states: STATE_CHOICES.find(c => c.value === choice)?.states ?? [],
    upcomingOnly,
  };
  const { value, error, loading } = useLaunches(filters, page, pageSize);

  return (
    <Page themeId="tool">
      <Header
        title="Launches"
        subtitle="Launch reviews by target date: their state, what blocks a Go, who signs"
      >
        <HelpIcon topic="launch-review" />
      </Header>
      <Content>
        <Box
          display="flex"
          alignItems="center"
          mb={2}
          style={{ gap: 16 }}
          data-tour="launches-filters"
        >
          <TextField
            select
            variant="outlined"
            size="small"
            id="launches-state"
            label="State"
            style={{ minWidth: 240 }}
            value={choice}
            SelectProps={{ SelectDisplayProps: { 'aria-label': 'State' } }}
            onChange={e => {
              setChoice(String(e.target.value));
              setPage(0);
            }}
          >
            {STATE_CHOICES.map(c => (
              <MenuItem key={c.value} value={c.value}>
                {c.label}
              </MenuItem>
            ))}
          </TextField>
          <FormControlLabel
            control={
              <Checkbox
                checked={upcomingOnly}
                onChange={e => {
                  setUpcomingOnly(e.target.checked);
                  setPage(0);
                }}
              />
            }
            label="Upcoming only (target date from today)"
          />
        </Box>
        {error && <ReportableErrorPanel error={error} />}
        {!value && !error && <Progress />}
        {value && (
          <Paper>
            {loading && <Progress />}
            <TableContainer>
              <Table aria-label="Launches" size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>Target date</TableCell>
                    <TableCell>Entity</TableCell>
                    <TableCell>State</TableCell>
                    <TableCell>Blockers</TableCell>
                    <TableCell>Product owner</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {value.items.length === 0 ? (
                    <TableRow>
                      <TableCell colSpan={5}>
                        No launch reviews match these filters.
                      </TableCell>
                    </TableRow>
                  ) : (
                    value.items.map(review => (
                      <LaunchRow key={review.id} review={review} />
                    ))
                  )}
                </TableBody>
              </Table>
            </TableContainer>
            <TablePagination
              component="div"
              count={value.totalCount}
              page={page}
              rowsPerPage={pageSize}
              rowsPerPageOptions={PAGE_SIZES}
              onPageChange={(_e, next) => setPage(next)}
              onRowsPerPageChange={e => {
                setPageSize(Number(e.target.value));
                setPage(0);
              }}
            />
          </Paper>
        )}
      </Content>
    </Page>
  );
}
