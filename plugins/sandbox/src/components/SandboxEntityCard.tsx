import { useEntity } from '@backstage/plugin-catalog-react';
import { SandboxBanner } from './SandboxBanner';

/** The sandbox banner on a sandbox entity's overview. */
export function SandboxEntityCard() {
  const { entity } = useEntity();
  return (
    <SandboxBanner entityName={entity.metadata.title ?? entity.metadata.name} />
  );
}
