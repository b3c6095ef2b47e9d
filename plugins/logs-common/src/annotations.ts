/**
 * The annotation naming the `service` value of an entity's log lines
 * (default: the entity's name).
 * @public
 */
export const LOG_SERVICE_ANNOTATION = 'vigil.dev/log-service';

/**
 * The `service` value of the entity's log lines.
 * @public
 */
export function logServiceOf(entity: {
  metadata: { name: string; annotations?: Record<string, string> };
}): string {
  const annotated = entity.metadata.annotations?.[LOG_SERVICE_ANNOTATION];
  return annotated?.trim() ? annotated.trim() : entity.metadata.name;
}
