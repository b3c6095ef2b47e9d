import { isOpenStatus } from '@vigil/backstage-plugin-incidents-common';
import { Box, Button, Tooltip, Typography } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import type { Incident } from '../../api/types';
import { formatRelative, formatTimestamp } from '../../lib/format';
import { EntityRefText } from '../EntityRefs';

/**
 * Whether the incident has been acknowledged: "Acknowledged by Alice, 3
 * minutes ago", or, while it is open and nobody has, a warning saying so
 * with an "Acknowledge" button for those who may (e.g. an incident an alert
 * opened at night). Nothing for a resolved incident nobody acknowledged (the
 * lifecycle panel says so). Brings its own bottom margin.
 */
export function AcknowledgementState(props: {
  incident: Incident;
  canAcknowledge: boolean;
  busy: boolean;
  onAcknowledge: () => void;
}) {
  const { incident, canAcknowledge, busy, onAcknowledge } = props;
  const at = incident.timestamps.acknowledgedAt;
  if (at) {
    const by = incident.acknowledgedBy;
    return (
      <Box mb={2}>
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="incident-acknowledged"
        >
          Acknowledged{' '}
          {by && (
            <>
              by <EntityRefText entityRef={by} />{' '}
            </>
          )}
          <Tooltip title={formatTimestamp(at)}>
            <span>{formatRelative(at)}</span>
          </Tooltip>
        </Typography>
      </Box>
    );
  }
  if (!isOpenStatus(incident.status)) return null;
  const byAlert = Boolean(incident.alertGroupKey);
  return (
    <Box mb={2}>
      <Alert
        severity="warning"
        data-testid="incident-unacknowledged"
        action={
          canAcknowledge ? (
            <Button
              color="inherit"
              variant="outlined"
              size="small"
              disabled={busy}
              onClick={onAcknowledge}
            >
              Acknowledge
            </Button>
          ) : undefined
        }
      >
        <AlertTitle>Not acknowledged</AlertTitle>
        {byAlert
          ? `An alert opened this incident ${formatRelative(
              incident.timestamps.declaredAt,
            )} and nobody has acknowledged it yet.`
          : 'Nobody has acknowledged this incident yet.'}
        {canAcknowledge
          ? ' Acknowledge it to tell everyone that someone is on it.'
          : ''}
      </Alert>
    </Box>
  );
}
