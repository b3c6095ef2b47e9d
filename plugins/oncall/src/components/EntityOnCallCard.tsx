import { InfoCard, Progress } from '@backstage/core-components';
import { HelpIcon, ReportableErrorPanel } from '@vigil/frontend-kit';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Button, Typography } from '@material-ui/core';
import NotificationsActiveIcon from '@material-ui/icons/NotificationsActive';
import { useState } from 'react';
import { useEntityLink } from '../lib/links';
import { ONCALL_TAB_PATH } from '../lib/routes';
import { useNow } from '../lib/useNow';
import { useOnCallSignal } from '../lib/useOnCallSignal';
import { EntityRefText } from './EntityRefText';
import { OnCallScheduleItem } from './OnCallScheduleItem';
import { PageDialog } from './PageDialog';
import { useEntityOnCall } from './useEntityOnCall';

/**
 * "On call now": per schedule of the entity's owner, who is on call, how to
 * reach them, until when and who is next; the escalation policy; and a
 * button to page them.
 */
export function EntityOnCallCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useEntityOnCall(entityRef);
  const now = useNow();
  const entityLink = useEntityLink();
  const [paging, setPaging] = useState(false);
  // Overrides and edits of the owner's schedules change who is on call.
  useOnCallSignal(
    signal =>
      signal.type === 'schedule_changed' &&
      Boolean(value?.schedules.some(s => s.scheduleId === signal.scheduleId)),
    retry,
  );

  let body: JSX.Element;
  if (loading && !value) {
    body = <Progress />;
  } else if (error) {
    body = <ReportableErrorPanel error={error} />;
  } else if (!value || value.schedules.length === 0) {
    body = (
      <Typography variant="body2">
        {value?.ownerRef ? (
          <>
            <EntityRefText entityRef={value.ownerRef} /> has no on-call schedule
            yet.
          </>
        ) : (
          'This entity has no owner with an on-call schedule.'
        )}
      </Typography>
    );
  } else {
    body = (
      <>
        {value.schedules.map(onCall => (
          <OnCallScheduleItem
            key={onCall.scheduleId}
            onCall={onCall}
            now={now}
          />
        ))}
      </>
    );
  }

  const ownerTab = value?.ownerRef ? entityLink(value.ownerRef) : undefined;
  return (
    <InfoCard
      title="On call now"
      action={<HelpIcon topic="oncall-now" />}
      deepLink={
        ownerTab
          ? { title: 'Schedules', link: `${ownerTab}/${ONCALL_TAB_PATH}` }
          : undefined
      }
    >
      {body}
      {value && (
        <Typography variant="body2" color="textSecondary">
          {value.policy
            ? `Escalation policy: ${value.policy.name}`
            : 'No escalation policy: a page reaches nobody.'}
        </Typography>
      )}
      <Box mt={1}>
        <Button
          variant="outlined"
          color="secondary"
          startIcon={<NotificationsActiveIcon />}
          onClick={() => setPaging(true)}
        >
          Page
        </Button>
      </Box>
      <PageDialog
        open={paging}
        entityRef={entityRef}
        onClose={() => {
          setPaging(false);
          retry();
        }}
      />
    </InfoCard>
  );
}
