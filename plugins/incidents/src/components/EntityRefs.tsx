import { Link } from '@backstage/core-components';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import { isFullEntityRef } from '@vigil/backstage-plugin-incidents-common';
import { CommaSeparated } from '@vigil/frontend-kit';
import { NONE } from '../lib/format';
import { useEntityPageLinks } from '../lib/links';

/**
 * An entity ref as a link to its catalog page, named as the catalog names it;
 * anything else (e.g. a system actor such as the Alertmanager webhook) as
 * plain text. Unlike EntityRefLink it works without the catalog's route
 * (falling back to the catalog's default path) instead of throwing. The name
 * never wraps inside itself (a list of them wraps between entries), so a
 * narrow table column cannot break it mid-word.
 */
export function EntityRefText(props: { entityRef?: string }) {
  const { entityRef } = props;
  const pageLinks = useEntityPageLinks();
  if (!entityRef) return <>{NONE}</>;
  const links = isFullEntityRef(entityRef) ? pageLinks(entityRef) : undefined;
  if (!links) return <>{entityRef}</>;
  return (
    <Link
      to={links.catalog}
      style={{ whiteSpace: 'nowrap' }}
      data-entity-ref={entityRef}
    >
      <EntityDisplayName entityRef={entityRef} />
    </Link>
  );
}

/** Comma-separated entity links. */
export function EntityRefList(props: { entityRefs: string[] }) {
  return (
    <CommaSeparated
      items={props.entityRefs}
      render={ref => <EntityRefText entityRef={ref} />}
      empty={NONE}
    />
  );
}
