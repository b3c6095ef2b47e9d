import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Grid, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { sloApiRef } from '../api/SloApi';
import type { SpecSource } from '../api/types';
import { formatTimestamp } from '../lib/format';
import { SloDetails } from './SloDetails';
import { SloEmptyState } from './SloEmptyState';
import { SpecIssues } from './SpecIssues';

function SpecSourceLine(props: {
  source: SpecSource | null;
  refreshedAt: string | null;
}) {
  const { source, refreshedAt } = props;
  let where: JSX.Element;
  if (!source) {
    where = <>not read yet</>;
  } else if (source.type === 'inline') {
    where = (
      <>
        inline, in the entity's <code>vigil.dev/slo-spec-inline</code>{' '}
        annotation
      </>
    );
  } else if (source.url) {
    where = <Link to={source.url}>{source.target ?? source.url}</Link>;
  } else {
    where = <code>{source.target}</code>;
  }
  return (
    <Typography variant="body2" color="textSecondary" data-testid="slo-source">
      Spec: {where}
      {refreshedAt ? ` · read ${formatTimestamp(refreshedAt)}` : ''}
    </Typography>
  );
}

/** The entity's SLO tab. */
export function EntitySloContent() {
  const { entity } = useEntity();
  const sloApi = useApi(sloApiRef);
  const { value, loading, error } = useAsync(
    () =>
      sloApi.getEntitySlos({
        kind: entity.kind,
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
      }),
    [sloApi, entity.kind, entity.metadata.namespace, entity.metadata.name],
  );

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;

  return (
    <Box>
      <Box mb={2}>
        <SpecSourceLine
          source={value.specSource}
          refreshedAt={value.refreshedAt}
        />
      </Box>
      <SpecIssues errors={value.errors} warnings={value.warnings} />
      {value.slos.length === 0 ? (
        <SloEmptyState
          title="This entity has no SLOs yet"
          description={
            value.errors.length > 0
              ? 'Its SLO spec could not be used; fix the errors above.'
              : 'Its SLO spec has not been read yet or declares no SLOs.'
          }
        />
      ) : (
        <Grid container spacing={3}>
          {value.slos.map(slo => (
            <Grid item xs={12} key={slo.sloId}>
              <SloDetails slo={slo} />
            </Grid>
          ))}
        </Grid>
      )}
    </Box>
  );
}
