import type {
  AuditorService,
  AuditorServiceCreateEventOptions as EventOptions,
} from '@backstage/backend-plugin-api';

/**
 * Runs a mutation inside an auditor event: `success` with `successMeta` of
 * the result (if given), or `fail` with the error, which is rethrown.
 * @public
 */
export type AuditedMutation = <T>(
  req: NonNullable<EventOptions['request']>,
  eventId: string,
  meta: NonNullable<EventOptions['meta']>,
  fn: () => Promise<T>,
  successMeta?: (result: T) => NonNullable<EventOptions['meta']>,
) => Promise<T>;

/**
 * The `AuditedMutation` of a plugin's auditor; events are of medium
 * severity (a change made through the API).
 * @public
 */
export function createAudited(auditor: AuditorService): AuditedMutation {
  return async (req, eventId, meta, fn, successMeta) => {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await fn();
      await event.success(
        successMeta ? { meta: successMeta(result) } : undefined,
      );
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };
}
