import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Grid } from '@material-ui/core';
import { useState } from 'react';
import { DeclareIncidentButton } from './IncidentsPage';
import { IncidentsList } from './IncidentsList';
import { MetricsStrip } from './MetricsStrip';
import { PostmortemsList } from './PostmortemsList';

/**
 * The entity's "Incidents" tab: its incidents, metrics, a declare button and
 * the postmortems of its incidents.
 */
export function EntityIncidentsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const [metricsKey, setMetricsKey] = useState(0);
  return (
    <Grid container spacing={3} direction="column" wrap="nowrap">
      <Grid item>
        <Box display="flex" justifyContent="flex-end">
          <DeclareIncidentButton defaultEntityRefs={[entityRef]} />
        </Box>
      </Grid>
      <Grid item>
        <MetricsStrip
          entityRef={entityRef}
          initialDays={30}
          reloadKey={metricsKey}
        />
      </Grid>
      <Grid item>
        <IncidentsList
          entityRef={entityRef}
          onLiveUpdate={() => setMetricsKey(k => k + 1)}
        />
      </Grid>
      <Grid item>
        <PostmortemsList entityRef={entityRef} pageSizes={[10, 25, 50]} />
      </Grid>
    </Grid>
  );
}
