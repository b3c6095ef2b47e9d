import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Grid } from '@material-ui/core';
import { DoraFigures } from './DoraFigures';
import { DrillsTable } from './DrillsTable';
import { ReleasesTable } from './ReleasesTable';

/**
 * The entity's "Deployments" tab: DORA figures, releases (with their steps
 * and smoke checks) and rollback drills. Each card loads on its own, so one
 * failing request leaves the others readable.
 */
export function EntityDeploymentsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  return (
    <Grid container spacing={3} direction="column" wrap="nowrap">
      <Grid item>
        <DoraFigures entityRef={entityRef} />
      </Grid>
      <Grid item>
        <ReleasesTable entityRef={entityRef} />
      </Grid>
      <Grid item>
        <DrillsTable entityRef={entityRef} />
      </Grid>
    </Grid>
  );
}
