import { InfoCard } from '@backstage/core-components';
import { HelpIcon } from '@vigil/frontend-kit';
import { Box, Typography } from '@material-ui/core';
import type { GateResult } from '@vigil/backstage-plugin-launch-gates-common';
import { CheckStatusChip } from '../StatusChip';
import { CheckActions, CheckRow } from './CheckRow';

/** A gate (Architecture, Performance, …): its worst status and its checks. */
export function GateCard(props: {
  reviewId: string;
  gate: GateResult;
  actions: CheckActions;
}) {
  const { reviewId, gate, actions } = props;
  return (
    <Box data-testid="gate" data-gate-id={gate.id}>
      <InfoCard
        title={
          <Box display="flex" alignItems="center" style={{ gap: 12 }}>
            <span>{gate.title}</span>
            <CheckStatusChip status={gate.status} />
            <HelpIcon topic="launch-gate" />
          </Box>
        }
        subheader={gate.description ?? undefined}
      >
        {gate.checks.length === 0 ? (
          <Typography variant="body2">This gate has no checks.</Typography>
        ) : (
          gate.checks.map(check => (
            <CheckRow
              key={check.checkId}
              reviewId={reviewId}
              check={check}
              actions={actions}
            />
          ))
        )}
      </InfoCard>
    </Box>
  );
}
