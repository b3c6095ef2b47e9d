import { useState } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { HelpIcon, ReportableErrorPanel } from '@vigil/frontend-kit';
import {
  Box,
  Grid,
  MenuItem,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  RUM_USAGE_RANGES,
  type RumUsage,
  type RumUsageRange,
} from '@vigil/backstage-plugin-rum-common';
import { usePortalUsage } from './usePortalUsage';

/** LCP p75 above this is "poor" for web.dev; at or below 2.5 s "good". */
const LCP_GOOD_SECONDS = 2.5;
const SLOWEST_ROUTES = 10;

function Figure(props: { label: string; value: number; testId: string }) {
  return (
    <Grid item xs={6} md={3} data-testid={props.testId}>
      <Typography variant="overline" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="h5">
        {props.value.toLocaleString('en-US')}
      </Typography>
    </Grid>
  );
}

function UsageBody({ usage }: { usage: RumUsage }) {
  const measured = usage.routes.filter(r => r.lcpP75Seconds !== null);
  return (
    <>
      <Grid container spacing={2}>
        <Figure label="Users" value={usage.users} testId="rum-usage-users" />
        <Figure
          label="Sessions"
          value={usage.sessions}
          testId="rum-usage-sessions"
        />
        <Figure
          label="Page loads"
          value={usage.pageLoads}
          testId="rum-usage-page-loads"
        />
        <Figure
          label="Sessions with errors"
          value={usage.errorSessions}
          testId="rum-usage-error-sessions"
        />
      </Grid>
      <Typography variant="subtitle2" style={{ marginTop: 16 }}>
        Slowest routes by LCP p75
      </Typography>
      {measured.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No web vitals were reported in this range.
        </Typography>
      ) : (
        <Table size="small" data-testid="rum-web-vitals">
          <TableHead>
            <TableRow>
              <TableCell>Route</TableCell>
              <TableCell align="right">LCP p75</TableCell>
              <TableCell align="right">LCP samples</TableCell>
              <TableCell align="right">Page loads</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {measured.slice(0, SLOWEST_ROUTES).map(route => (
              <TableRow key={route.route} data-testid="rum-route-row">
                <TableCell>{route.route}</TableCell>
                <TableCell
                  align="right"
                  style={{
                    color:
                      route.lcpP75Seconds! > LCP_GOOD_SECONDS
                        ? '#d32f2f'
                        : undefined,
                  }}
                >
                  {route.lcpP75Seconds!.toFixed(2)} s
                </TableCell>
                <TableCell align="right">{route.lcpSamples}</TableCell>
                <TableCell align="right">{route.pageLoads}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

/**
 * "Portal usage" of the Vigil entity: users (distinct hashed user refs),
 * sessions, page loads and sessions with errors over a range, and the
 * slowest routes by LCP p75, from what Faro reported.
 */
export function PortalUsageCard() {
  const [range, setRange] = useState<RumUsageRange>('24h');
  const { value, loading, error } = usePortalUsage(range);
  return (
    <InfoCard
      title="Portal usage"
      subheader="Real-user monitoring with Grafana Faro"
      action={
        <Box display="flex" alignItems="center">
          <Select
            value={range}
            onChange={e => setRange(e.target.value as RumUsageRange)}
            inputProps={{ 'aria-label': 'Range' }}
          >
            {RUM_USAGE_RANGES.map(r => (
              <MenuItem key={r} value={r}>
                Last {r}
              </MenuItem>
            ))}
          </Select>
          <HelpIcon topic="portal-usage" />
        </Box>
      }
    >
      {loading && <Progress />}
      {error && <ReportableErrorPanel error={error} />}
      {value && <UsageBody usage={value} />}
    </InfoCard>
  );
}
