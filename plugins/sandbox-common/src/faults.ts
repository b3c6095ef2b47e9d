import { z } from 'zod';
import { SANDBOX_NAMESPACE } from './entities';

/** Largest latency a fault may add, in milliseconds. @public */
export const MAX_FAULT_LATENCY_MS = 10_000;

/**
 * The faults of one synthetic service: the share of requests that fail
 * (0 to 1) and the latency added to every request (0 to 10,000 ms).
 * Both zero: healthy.
 * @public
 */
export const faultSettingsSchema = z
  .object({
    errorRate: z
      .number({ invalid_type_error: 'must be a number from 0 to 1' })
      .min(0, 'must be from 0 to 1')
      .max(1, 'must be from 0 to 1'),
    latencyMs: z
      .number({ invalid_type_error: 'must be a number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(0, `must be from 0 to ${MAX_FAULT_LATENCY_MS}`)
      .max(MAX_FAULT_LATENCY_MS, `must be from 0 to ${MAX_FAULT_LATENCY_MS}`),
  })
  .strict();

/** @public */
export type FaultSettings = z.infer<typeof faultSettingsSchema>;

/** No fault: what a reset leaves. @public */
export const NO_FAULTS: FaultSettings = { errorRate: 0, latencyMs: 0 };

/**
 * A synthetic service's name, as its catalog entity's name.
 * @public
 */
export const sandboxServiceNameSchema = z
  .string()
  .min(1)
  .max(63)
  // Two plain patterns rather than one with nested quantifiers.
  .regex(
    /^[-_.a-zA-Z0-9]+$/,
    'must be a catalog entity name (letters, digits, - _ .)',
  )
  .refine(
    name => /^[a-zA-Z0-9]/.test(name) && /[a-zA-Z0-9]$/.test(name),
    'must start and end with a letter or a digit',
  );

/** Whether the settings inject any fault. @public */
export function hasFaults(faults: FaultSettings | undefined): boolean {
  return Boolean(faults && (faults.errorRate > 0 || faults.latencyMs > 0));
}

/**
 * The body of the incidents and SLO backends' purge endpoints: only the
 * sandbox namespace may be purged; any other is a 400.
 * @public
 */
export const namespacePurgeRequestSchema = z
  .object({
    namespace: z
      .string()
      .refine(
        namespace => namespace === SANDBOX_NAMESPACE,
        `only the ${SANDBOX_NAMESPACE} namespace can be purged`,
      ),
  })
  .strict();

/** @public */
export type NamespacePurgeRequest = z.infer<typeof namespacePurgeRequestSchema>;

const adminServiceSchema = z
  .object({
    name: sandboxServiceNameSchema,
    faults: faultSettingsSchema.partial().passthrough().optional(),
    errorRate: z.number().optional(),
    latencyMs: z.number().optional(),
  })
  .passthrough();

/**
 * What the sandbox service's `GET /admin/services` answers: its services
 * with their faults, as a list or as `{ services: [...] }`, faults nested
 * (`faults: { errorRate, latencyMs }`) or flat. Unknown fields are ignored.
 * @public
 */
export const adminServicesResponseSchema = z
  .union([
    z.array(adminServiceSchema),
    z.object({ services: z.array(adminServiceSchema) }).passthrough(),
  ])
  .transform(value => (Array.isArray(value) ? value : value.services))
  .transform(services =>
    services.map(service => ({
      name: service.name,
      faults: {
        errorRate: service.faults?.errorRate ?? service.errorRate ?? 0,
        latencyMs: service.faults?.latencyMs ?? service.latencyMs ?? 0,
      },
    })),
  );

/** A synthetic service as the sandbox service reports it. @public */
export type AdminService = z.output<typeof adminServicesResponseSchema>[number];
