import { InfoCard } from '@backstage/core-components';
import { HelpIcon, ReportProblemButton } from '@vigil/frontend-kit';
import { Box, Grid, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { ReactNode } from 'react';
import type { Slo } from '../api/types';
import { firingAlertsOf } from '../lib/alerts';
import {
  formatAttainment,
  formatBudget,
  formatObjective,
  formatTimestamp,
} from '../lib/format';
import { burnLogsQuery } from '../lib/burnLogs';
import { LOGS_TAB_PATH } from '../lib/routes';
import { useEntityLink } from '../lib/useSloTabLink';
import { BurnRateTable } from './BurnRateTable';
import { RelativeTime } from './RelativeTime';
import { SloBurnDown, useSloHistory } from './SloBurnDown';
import { SloStatusChip } from './SloStatusChip';

function Fact(props: { label: string; value: ReactNode; testId: string }) {
  return (
    <Grid item xs={6} md={3}>
      <Typography variant="overline" color="textSecondary">
        {props.label}
      </Typography>
      <Typography variant="h6" data-testid={props.testId}>
        {props.value}
      </Typography>
    </Grid>
  );
}

/** One SLO of an entity: numbers, alerts, burn-down and burn rates. */
export function SloDetails(props: { slo: Slo }) {
  const { slo } = props;
  // Fetched again whenever the SLO shows a new evaluation.
  const history = useSloHistory(slo.sloId, slo.period, slo.evaluatedAt);
  const entityPath = useEntityLink()(slo.entityRef);
  const logsLinkFor = (window: string) => {
    const query = burnLogsQuery(window, slo.evaluatedAt);
    return entityPath && query
      ? `${entityPath.replace(/\/$/, '')}/${LOGS_TAB_PATH}${query}`
      : undefined;
  };
  return (
    <InfoCard
      title={slo.name}
      subheader={slo.description ?? slo.sloId}
      action={
        <Box display="flex" alignItems="center">
          <SloStatusChip status={slo.status} />
          <HelpIcon topic="slo-status" />
        </Box>
      }
    >
      <Box data-testid={`slo-${slo.sloId}`}>
        {slo.firingAlert && (
          <Box mb={2}>
            <Alert
              severity={slo.firingAlert === 'page' ? 'error' : 'warning'}
              data-testid="slo-firing-alert"
              action={<HelpIcon topic="burn-rate-alerts" />}
            >
              {slo.firingAlert === 'page'
                ? 'Page alert firing: the error budget is burning fast enough to page the on-call.'
                : 'Ticket alert firing: the error budget is burning faster than it can last the period.'}
            </Alert>
          </Box>
        )}
        {slo.stale && (
          <Box mb={2}>
            <Alert severity="warning" data-testid="slo-stale">
              Stale: these values were computed{' '}
              <RelativeTime time={slo.evaluatedAt} /> (
              {formatTimestamp(slo.evaluatedAt)}) and have not been refreshed
              since; Prometheus may be unreachable.
            </Alert>
          </Box>
        )}
        {slo.error && (
          <Box mb={2}>
            <Alert
              severity="error"
              action={
                <ReportProblemButton
                  error={`Not evaluated: ${slo.error}`}
                  entityRef={slo.entityRef}
                  variant="text"
                />
              }
            >
              Not evaluated: {slo.error}
            </Alert>
          </Box>
        )}
        <Grid container spacing={2}>
          <Fact
            label={`Objective (${slo.period})`}
            value={formatObjective(slo.objectivePercent)}
            testId="slo-objective"
          />
          <Fact
            label="Attainment"
            value={formatAttainment(slo.sli)}
            testId="slo-attainment"
          />
          <Fact
            label="Error budget remaining"
            value={formatBudget(slo.budgetRemaining)}
            testId="slo-budget"
          />
          <Fact
            label="Evaluated"
            value={<RelativeTime time={slo.evaluatedAt} />}
            testId="slo-evaluated"
          />
        </Grid>
        <Box mt={2} data-tour="slo-burn-down">
          <Typography variant="subtitle2" gutterBottom>
            Error budget remaining over the last {slo.period}
            <HelpIcon topic="error-budget" />
          </Typography>
          <SloBurnDown history={history} />
        </Box>
        <Box mt={2} data-tour="slo-burn-rates">
          <Typography variant="subtitle2" gutterBottom>
            Burn rate per window
            <HelpIcon topic="burn-rate" />
          </Typography>
          <BurnRateTable
            period={slo.period}
            burnRates={slo.burnRates ?? {}}
            firingAlerts={firingAlertsOf(slo)}
            logsLinkFor={logsLinkFor}
          />
        </Box>
      </Box>
    </InfoCard>
  );
}
