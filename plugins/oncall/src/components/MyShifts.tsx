import { InfoCard, Progress } from '@backstage/core-components';
import { HelpIcon, ReportableErrorPanel } from '@vigil/frontend-kit';
import { useApi } from '@backstage/core-plugin-api';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { onCallApiRef } from '../api';
import { formatDuration, formatInstant, formatRelative } from '../lib/time';
import { useNow } from '../lib/useNow';
import { EntityRefText } from './EntityRefText';

/** The signed-in user's shifts in the next four weeks, in their zone. */
export function MyShifts() {
  const api = useApi(onCallApiRef);
  const now = useNow();
  const { value, loading, error } = useAsync(() => api.getMyShifts(), [api]);
  let body: JSX.Element;
  if (loading) body = <Progress />;
  else if (error) body = <ReportableErrorPanel error={error} />;
  else if (!value || value.items.length === 0) {
    body = (
      <Typography variant="body2">
        You have no shifts in the next four weeks.
      </Typography>
    );
  } else {
    body = (
      <List dense aria-label="My shifts">
        {value.items.map(shift => (
          <ListItem key={`${shift.scheduleId}-${shift.start}`} disableGutters>
            <ListItemText
              primary={
                <>
                  {formatInstant(shift.start)} – {formatInstant(shift.end)} (
                  {formatDuration(
                    Date.parse(shift.end) - Date.parse(shift.start),
                  )}
                  )
                </>
              }
              secondary={
                <>
                  {shift.scheduleName} ·{' '}
                  <EntityRefText entityRef={shift.ownerRef} /> ·{' '}
                  {Date.parse(shift.start) <= now
                    ? 'on call now'
                    : `starts ${formatRelative(shift.start, now)}`}
                </>
              }
            />
          </ListItem>
        ))}
      </List>
    );
  }
  return (
    <InfoCard
      title="My upcoming shifts"
      action={<HelpIcon topic="oncall-schedule" />}
    >
      {body}
    </InfoCard>
  );
}
