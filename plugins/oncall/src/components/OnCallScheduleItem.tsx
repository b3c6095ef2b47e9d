import { Box, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { OnCallNow } from '../api';
import { formatInstant, formatRelative } from '../lib/time';
import { EntityRefList, EntityRefText } from './EntityRefText';
import { PersonContact } from './PersonContact';

function When(props: { iso: string; now: number }) {
  return (
    <span title={props.iso}>
      {formatInstant(props.iso)} ({formatRelative(props.iso, props.now)})
    </span>
  );
}

/**
 * One schedule's answer: who is on call with their contact and until when
 * (in the viewer's zone), and who is next; a gap as a warning.
 */
export function OnCallScheduleItem(props: { onCall: OnCallNow; now: number }) {
  const { onCall, now } = props;
  const gap = onCall.userRefs.length === 0;
  return (
    <Box mb={2} data-testid="oncall-schedule" aria-label={onCall.scheduleName}>
      <Typography variant="subtitle2">{onCall.scheduleName}</Typography>
      {gap ? (
        <Alert severity="warning">
          {onCall.until ? (
            <>
              Nobody is on call until <When iso={onCall.until} now={now} />.
            </>
          ) : (
            'Nobody is on call.'
          )}
        </Alert>
      ) : (
        <>
          {onCall.userRefs.map(userRef => (
            <Box
              key={userRef}
              display="flex"
              style={{ gap: 8 }}
              flexWrap="wrap"
            >
              <Typography variant="body1" component="span">
                <EntityRefText entityRef={userRef} />
              </Typography>
              <PersonContact userRef={userRef} />
            </Box>
          ))}
          <Typography variant="body2" color="textSecondary">
            {onCall.until ? (
              <>
                until <When iso={onCall.until} now={now} />
              </>
            ) : (
              'with no end in sight'
            )}
          </Typography>
        </>
      )}
      {onCall.next && (
        <Typography variant="body2" color="textSecondary">
          Next up: <EntityRefList entityRefs={onCall.next.userRefs} /> at{' '}
          <When iso={onCall.next.start} now={now} />
        </Typography>
      )}
    </Box>
  );
}
