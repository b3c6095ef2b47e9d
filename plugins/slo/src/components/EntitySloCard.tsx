import { InfoCard, Link, Progress } from '@backstage/core-components';
import { HelpIcon, ReportableErrorPanel } from '@vigil/frontend-kit';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  List,
  ListItem,
  ListItemSecondaryAction,
  ListItemText,
  Typography,
} from '@material-ui/core';
import { formatBudget } from '../lib/format';
import { useLiveEntitySlos } from '../lib/useLiveEntitySlos';
import { useSloTabLink } from '../lib/useSloTabLink';
import { SloEvaluationBanner } from './SloEvaluationBanner';
import { SloStatusChip } from './SloStatusChip';

/** Overview card: each SLO's status and budget, linking to the SLO tab. */
export function EntitySloCard() {
  const { entity } = useEntity();
  const sloTabLink = useSloTabLink();
  const tabLink = sloTabLink(stringifyEntityRef(entity));
  const { value, loading, error } = useLiveEntitySlos(entity);

  let body: JSX.Element;
  // A refetch keeps what is shown until the new values are there.
  if (loading && !value) {
    body = <Progress />;
  } else if (error) {
    body = <ReportableErrorPanel error={error} />;
  } else if (!value || value.slos.length === 0) {
    body = (
      <Typography variant="body2">
        No SLOs yet
        {value && value.errors.length > 0
          ? `: the spec has ${value.errors.length} error(s).`
          : '.'}{' '}
        {tabLink && <Link to={tabLink}>How to add one</Link>}
      </Typography>
    );
  } else {
    body = (
      <List dense disablePadding>
        {value.slos.map(slo => (
          <ListItem key={slo.sloId} disableGutters>
            <ListItemText
              primary={
                tabLink ? <Link to={tabLink}>{slo.name}</Link> : slo.name
              }
              secondary={`Budget remaining: ${formatBudget(
                slo.budgetRemaining,
              )}${slo.stale ? ' (stale)' : ''}`}
            />
            <ListItemSecondaryAction>
              <SloStatusChip status={slo.status} />
            </ListItemSecondaryAction>
          </ListItem>
        ))}
      </List>
    );
  }

  return (
    <InfoCard
      title="SLOs"
      action={<HelpIcon topic="slo" />}
      deepLink={tabLink ? { title: 'View SLOs', link: tabLink } : undefined}
    >
      <SloEvaluationBanner />
      {body}
    </InfoCard>
  );
}
