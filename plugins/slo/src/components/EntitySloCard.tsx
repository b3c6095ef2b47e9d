import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  List,
  ListItem,
  ListItemSecondaryAction,
  ListItemText,
  Typography,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { sloApiRef } from '../api/SloApi';
import { formatBudget } from '../lib/format';
import { useSloTabLink } from '../lib/useSloTabLink';
import { SloStatusChip } from './SloStatusChip';

/** Overview card: each SLO's status and budget, linking to the SLO tab. */
export function EntitySloCard() {
  const { entity } = useEntity();
  const sloApi = useApi(sloApiRef);
  const sloTabLink = useSloTabLink();
  const tabLink = sloTabLink(stringifyEntityRef(entity));
  const { value, loading, error } = useAsync(
    () =>
      sloApi.getEntitySlos({
        kind: entity.kind,
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
      }),
    [sloApi, entity.kind, entity.metadata.namespace, entity.metadata.name],
  );

  let body: JSX.Element;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
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
      deepLink={tabLink ? { title: 'View SLOs', link: tabLink } : undefined}
    >
      {body}
    </InfoCard>
  );
}
