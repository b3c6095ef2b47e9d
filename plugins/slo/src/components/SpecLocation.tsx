import type { Entity } from '@backstage/catalog-model';
import { Tooltip } from '@material-ui/core';
import { displaySpecLocation } from '../lib/specLocation';

/**
 * A spec location relative to the entity's source; when it had to be
 * shortened from an absolute path, the full value is in a tooltip.
 */
export function SpecLocation(props: { location: string; entity?: Entity }) {
  const { location, entity } = props;
  const shown = displaySpecLocation(location, entity);
  if (shown === location) return <>{location}</>;
  return (
    <Tooltip title={location}>
      <span data-testid="slo-spec-location">{shown}</span>
    </Tooltip>
  );
}
