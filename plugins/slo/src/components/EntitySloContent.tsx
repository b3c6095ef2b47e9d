import type { Entity } from '@backstage/catalog-model';
import { Link, Progress } from '@backstage/core-components';
import { HelpIcon, ReportableErrorPanel } from '@vigil/frontend-kit';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Grid, Typography } from '@material-ui/core';
import type { SpecSource } from '../api/types';
import { formatTimestamp } from '../lib/format';
import { useLiveEntitySlos } from '../lib/useLiveEntitySlos';
import { SloDetails } from './SloDetails';
import { SloEmptyState } from './SloEmptyState';
import { SloEvaluationBanner } from './SloEvaluationBanner';
import { SpecIssues } from './SpecIssues';
import { SpecLocation } from './SpecLocation';

function SpecSourceLine(props: {
  source: SpecSource | null;
  refreshedAt: string | null;
  entity: Entity;
}) {
  const { source, refreshedAt, entity } = props;
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
    where = (
      <code>
        <SpecLocation location={source.target ?? ''} entity={entity} />
      </code>
    );
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
  const { value, loading, error } = useLiveEntitySlos(entity);

  // A refetch keeps what is shown until the new values are there.
  if (loading && !value) return <Progress />;
  if (error) return <ReportableErrorPanel error={error} />;
  if (!value) return null;

  return (
    <Box>
      <SloEvaluationBanner />
      <Box mb={2}>
        <SpecSourceLine
          source={value.specSource}
          refreshedAt={value.refreshedAt}
          entity={entity}
        />
        <HelpIcon topic="slo-spec" />
      </Box>
      <SpecIssues
        errors={value.errors}
        warnings={value.warnings}
        entity={entity}
      />
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
