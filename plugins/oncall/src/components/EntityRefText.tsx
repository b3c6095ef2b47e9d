import { Link } from '@backstage/core-components';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import { CommaSeparated } from '@vigil/frontend-kit';
import { useEntityLink } from '../lib/links';

/**
 * An entity ref as a link to its catalog page, named as the catalog names it;
 * anything that is not a ref as plain text. Unlike EntityRefLink it works
 * without the catalog's route instead of throwing.
 */
export function EntityRefText(props: { entityRef: string }) {
  const link = useEntityLink()(props.entityRef);
  if (!link) return <>{props.entityRef}</>;
  return (
    <Link to={link} style={{ whiteSpace: 'nowrap' }}>
      <EntityDisplayName entityRef={props.entityRef} hideIcon />
    </Link>
  );
}

/** Comma-separated entity links; `empty` when there are none. */
export function EntityRefList(props: { entityRefs: string[]; empty?: string }) {
  return (
    <CommaSeparated
      items={props.entityRefs}
      render={ref => <EntityRefText entityRef={ref} />}
      empty={props.empty ?? 'nobody'}
    />
  );
}
