import { EmptyState } from '@backstage/core-components';
import { Box, makeStyles, Typography } from '@material-ui/core';
import { SLO_SPEC_ANNOTATION } from '../lib/annotations';

export const EXAMPLE_ANNOTATION = `metadata:
  annotations:
    ${SLO_SPEC_ANNOTATION}: ./slo.yaml`;

/** A minimal Sloth prometheus/v1 spec; slo-common accepts it as is (tested). */
export const EXAMPLE_SPEC = `version: prometheus/v1
service: my-service
slos:
  - name: availability
    objective: 99.9
    description: Requests answered without a server error.
    sli:
      events:
        error_query: sum(rate(http_requests_total{job="my-service",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total{job="my-service"}[{{.window}}]))
    alerting:
      name: MyServiceAvailabilityBudgetBurn
      page_alert:
        labels:
          severity: page
      ticket_alert:
        labels:
          severity: ticket`;

const useStyles = makeStyles(theme => ({
  // Plain <pre>: the YAML must stay copyable text, with no lazy highlighter.
  code: {
    margin: 0,
    padding: theme.spacing(1.5),
    overflowX: 'auto',
    fontSize: '0.85em',
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
}));

/** How to add an SLO: the annotation and a minimal spec. */
export function SloHowTo() {
  const classes = useStyles();
  return (
    <Box>
      <Typography variant="body1" paragraph>
        Add the <code>{SLO_SPEC_ANNOTATION}</code> annotation to the entity's{' '}
        <code>catalog-info.yaml</code>, pointing at a Sloth{' '}
        <code>prometheus/v1</code> or OpenSLO v1 file relative to it (or put the
        YAML itself in <code>vigil.dev/slo-spec-inline</code>):
      </Typography>
      <pre className={classes.code}>{EXAMPLE_ANNOTATION}</pre>
      <Typography variant="body1" paragraph>
        A minimal <code>slo.yaml</code>:
      </Typography>
      <pre className={classes.code}>{EXAMPLE_SPEC}</pre>
    </Box>
  );
}

/** Shown where there are no SLOs, saying how to add one. */
export function SloEmptyState(props: { title?: string; description?: string }) {
  return (
    <EmptyState
      missing="data"
      title={props.title ?? 'No SLOs yet'}
      description={
        props.description ??
        'SLOs are read from catalog entities. Declare them as code next to the service.'
      }
      action={<SloHowTo />}
    />
  );
}
