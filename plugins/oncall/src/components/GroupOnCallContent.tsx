import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { HelpIcon, ReportableErrorPanel } from '@vigil/frontend-kit';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import { useState } from 'react';
import type { Schedule } from '../api';
import { useIsOwner } from '../lib/useIsOwner';
import { EscalationPolicyEditor } from './EscalationPolicyEditor';
import { ScheduleEditor } from './ScheduleEditor';
import { ScheduleTimeline } from './ScheduleTimeline';
import { useGroupOnCall } from './useGroupOnCall';

/**
 * A group's "On call" tab: each schedule as a two-week timeline (owners add
 * overrides there and edit the layers), and the escalation policies.
 */
export function GroupOnCallContent() {
  const { entity } = useEntity();
  const groupRef = stringifyEntityRef(entity);
  const canEdit = useIsOwner(groupRef);
  const { value, loading, error, retry } = useGroupOnCall(groupRef);
  // undefined: closed; null: a new schedule.
  const [editing, setEditing] = useState<Schedule | null | undefined>();
  const members = (entity.relations ?? [])
    .filter(r => r.type === 'hasMember')
    .map(r => r.targetRef);

  if (loading && !value) return <Progress />;
  if (error) return <ReportableErrorPanel error={error} />;
  const schedules = value?.schedules ?? [];
  const policies = value?.policies ?? [];
  const peopleOf = (schedule?: Schedule) => [
    ...new Set([
      ...members,
      ...(schedule?.layers.flatMap(l => l.participants) ?? []),
    ]),
  ];

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Box display="flex" justifyContent="space-between" alignItems="center">
          <Typography variant="h5">Schedules</Typography>
          {canEdit && (
            <Button
              variant="contained"
              color="primary"
              onClick={() => setEditing(null)}
            >
              New schedule
            </Button>
          )}
        </Box>
      </Grid>
      {schedules.length === 0 && (
        <Grid item xs={12}>
          <EmptyState
            missing="data"
            title="No on-call schedule"
            description="Nobody from this group is paged: create a schedule with a rotation of its members."
          />
        </Grid>
      )}
      {schedules.map(schedule => (
        <Grid item xs={12} key={schedule.id}>
          <InfoCard
            title={schedule.name}
            subheader={`${schedule.timeZone}${
              schedule.description ? ` · ${schedule.description}` : ''
            }`}
            action={
              <Box display="flex" alignItems="center">
                {canEdit && (
                  <Button
                    onClick={() => setEditing(schedule)}
                    aria-label={`Edit schedule ${schedule.name}`}
                  >
                    Edit schedule
                  </Button>
                )}
                <HelpIcon topic="oncall-schedule" />
              </Box>
            }
          >
            <ScheduleTimeline
              key={`${schedule.id}-${schedule.version}`}
              schedule={schedule}
              canEdit={canEdit}
              people={peopleOf(schedule)}
            />
          </InfoCard>
        </Grid>
      ))}
      <Grid item xs={12}>
        <InfoCard
          title="Escalation policies"
          action={<HelpIcon topic="escalation-policy" />}
        >
          {policies.length === 0 && (
            <Typography variant="body2" paragraph>
              No escalation policy: pages for this group's entities reach
              nobody.
            </Typography>
          )}
          {policies.map(policy => (
            <Box key={`${policy.id}-${policy.version}`} mb={3}>
              <EscalationPolicyEditor
                ownerRef={groupRef}
                policy={policy}
                schedules={schedules}
                people={peopleOf()}
                canEdit={canEdit}
                onSaved={() => undefined}
              />
            </Box>
          ))}
          {canEdit && policies.length === 0 && (
            <EscalationPolicyEditor
              ownerRef={groupRef}
              schedules={schedules}
              people={peopleOf()}
              canEdit
              onSaved={retry}
            />
          )}
        </InfoCard>
      </Grid>
      {editing !== undefined && (
        <ScheduleEditor
          ownerRef={groupRef}
          schedule={editing ?? undefined}
          people={peopleOf(editing ?? undefined)}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            retry();
          }}
        />
      )}
    </Grid>
  );
}
