import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import { makeStyles } from '@material-ui/core';
import { useEntityLink } from '../lib/useSloTabLink';

const useStyles = makeStyles({
  // Entity names and titles stay whole instead of breaking mid-word.
  ref: { whiteSpace: 'nowrap' },
});

function isEntityRef(text: string): boolean {
  try {
    parseEntityRef(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * An entity ref as a link to the entity's catalog page, named as the catalog
 * presents it (its title when it has one). What EntityRefLink renders, but
 * through the plugin's `catalogEntity` route, so it follows the app's
 * binding and degrades to text instead of throwing when there is none; a
 * malformed ref is plain text rather than breaking the whole list.
 */
export function EntityRef(props: { entityRef: string }) {
  const classes = useStyles();
  const entityLink = useEntityLink();
  const { entityRef } = props;
  if (!isEntityRef(entityRef)) {
    return <span className={classes.ref}>{entityRef}</span>;
  }
  const name = <EntityDisplayName entityRef={entityRef} />;
  const link = entityLink(entityRef);
  return (
    <span className={classes.ref} data-testid="slo-entity-ref">
      {link ? <Link to={link}>{name}</Link> : name}
    </span>
  );
}
