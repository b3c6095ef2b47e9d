import type { Entity } from '@backstage/catalog-model';

/**
 * Path or URL of the entity's SLO spec (Sloth or OpenSLO).
 * @public
 */
export const SLO_SPEC_ANNOTATION = 'vigil.dev/slo-spec';
/**
 * The SLO spec YAML itself, for entities without a source repository.
 * @public
 */
export const SLO_SPEC_INLINE_ANNOTATION = 'vigil.dev/slo-spec-inline';

/**
 * Whether the entity declares SLOs, so the SLO tab and card apply to it.
 * @public
 */
export function isSloAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[SLO_SPEC_ANNOTATION] || annotations[SLO_SPEC_INLINE_ANNOTATION],
  );
}
