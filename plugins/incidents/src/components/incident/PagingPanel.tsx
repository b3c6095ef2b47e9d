import { InfoCard } from '@backstage/core-components';
import { HelpIcon } from '@vigil/frontend-kit';
import { Box, Tooltip, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { IncidentDetails, TimelineEntry } from '../../api/types';
import { formatRelative, formatTimestamp } from '../../lib/format';
import { EntityRefText } from '../EntityRefs';

type Paged = Extract<TimelineEntry, { type: 'paged' }>;
type Unavailable = Extract<TimelineEntry, { type: 'paging_unavailable' }>;

function When(props: { at: string }) {
  return (
    <Tooltip title={formatTimestamp(props.at)}>
      <span>{formatRelative(props.at)}</span>
    </Tooltip>
  );
}

/**
 * Who on-call paged for the incident, step by step, and who acknowledged:
 * the `paged` events the on-call backend reported, or why nobody was paged
 * (the owners were notified instead). Nothing before any paging happened.
 */
export function PagingPanel(props: { details: IncidentDetails }) {
  const { incident, timeline } = props.details;
  const paged = timeline.filter((e): e is Paged => e.type === 'paged');
  const unavailable = timeline.find(
    (e): e is Unavailable => e.type === 'paging_unavailable',
  );
  if (paged.length === 0 && !unavailable) return null;
  const acknowledgedAt = incident.timestamps.acknowledgedAt;
  return (
    <InfoCard title="Paging" action={<HelpIcon topic="paging" />}>
      <Box data-testid="incident-paging">
        {unavailable && (
          <Alert severity="warning">
            Nobody was paged: {unavailable.message}
          </Alert>
        )}
        {paged.map(event => (
          <Box key={`${event.id}`} mb={1}>
            <Typography variant="body2">
              Paged{' '}
              {event.userRefs.map((ref, i) => (
                <span key={ref}>
                  {i > 0 && ', '}
                  <EntityRefText entityRef={ref} />
                </span>
              ))}{' '}
              <When at={event.at} />
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {event.policyName ?? 'Escalation policy'}, step{' '}
              {event.stepIndex + 1}
              {event.repeatIndex > 0 && ` (repeat ${event.repeatIndex + 1})`}
            </Typography>
          </Box>
        ))}
        {paged.length > 0 && (
          <Typography
            variant="body2"
            color={acknowledgedAt ? 'textPrimary' : 'error'}
            data-testid="incident-paging-acknowledged"
          >
            {acknowledgedAt ? (
              <>
                Acknowledged
                {incident.acknowledgedBy && (
                  <>
                    {' '}
                    by <EntityRefText entityRef={incident.acknowledgedBy} />
                  </>
                )}{' '}
                <When at={acknowledgedAt} />; escalation stopped
              </>
            ) : (
              'Not acknowledged yet: escalation continues'
            )}
          </Typography>
        )}
      </Box>
    </InfoCard>
  );
}
