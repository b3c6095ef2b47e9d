import { Progress } from '@backstage/core-components';
import { HelpIcon, ReportableErrorPanel } from '@vigil/frontend-kit';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Grid, makeStyles, Typography } from '@material-ui/core';
import {
  DEFAULT_HEALTH_RANGE,
  type EntityHealth,
  type HealthPanelGroup,
  type HealthRange,
} from '@vigil/backstage-plugin-service-health-common';
import { useState } from 'react';
import { HealthPanelChart } from './HealthPanelChart';
import { HealthRangePicker } from './HealthRangePicker';
import { HealthStateBanner } from './HealthStateBanner';
import { useEntityHealth } from './useEntityHealth';

const GROUPS: Array<{ group: HealthPanelGroup; title: string; width: 4 | 6 }> =
  [
    { group: 'golden', title: 'Golden signals', width: 4 },
    { group: 'saturation', title: 'Saturation', width: 6 },
    { group: 'service', title: 'Service-specific', width: 6 },
  ];

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
  section: { margin: theme.spacing(3, 0, 1) },
}));

function Panels(props: { health: EntityHealth }) {
  const { health } = props;
  const classes = useStyles();
  const fromMs = Date.parse(health.from);
  const toMs = Date.parse(health.to);
  return (
    <>
      {GROUPS.map(({ group, title, width }) => {
        const panels = health.panels.filter(panel => panel.group === group);
        if (panels.length === 0) return null;
        return (
          <section key={group}>
            <Typography variant="h6" component="h2" className={classes.section}>
              {title}
            </Typography>
            <Grid container spacing={2}>
              {panels.map(panel => (
                <Grid item xs={12} md={width} key={panel.id}>
                  <HealthPanelChart
                    panel={panel}
                    range={health.range}
                    fromMs={fromMs}
                    toMs={toMs}
                    markers={health.markers}
                  />
                </Grid>
              ))}
            </Grid>
          </section>
        );
      })}
    </>
  );
}

/**
 * The entity's Health tab: a range picker (15 minutes to 30 days), what
 * the answer's state means, then the golden signals, saturation and the
 * service's own series, with deploys and incidents marked.
 * @public
 */
export function EntityHealthContent() {
  const { entity } = useEntity();
  const classes = useStyles();
  const [range, setRange] = useState<HealthRange>(DEFAULT_HEALTH_RANGE);
  const { health, loading, error } = useEntityHealth(
    {
      kind: entity.kind,
      namespace: entity.metadata.namespace,
      name: entity.metadata.name,
    },
    range,
  );

  return (
    <Box data-testid="health-content">
      <div className={classes.toolbar}>
        <Typography variant="body2" color="textSecondary">
          {health?.selector
            ? `Prometheus series {${health.selector}}, one point every ${
                health.stepSeconds
              } s${health && health.range !== range ? ' (loading…)' : ''}`
            : ' '}
        </Typography>
        <HealthRangePicker value={range} onChange={setRange} />
        <HelpIcon topic="service-health" />
      </div>
      {error && !health && <ReportableErrorPanel error={error} />}
      {!health && loading && <Progress />}
      {health && (
        <>
          <HealthStateBanner health={health} />
          {health.state !== 'prometheus-down' &&
            health.state !== 'misconfigured' && <Panels health={health} />}
        </>
      )}
    </Box>
  );
}
