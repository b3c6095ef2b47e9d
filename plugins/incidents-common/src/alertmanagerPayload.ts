/*
 * Alertmanager's webhook payload (v4): its schema, parsing with errors that
 * name each bad field, and the fingerprint of alerts that carry none.
 */
import { formatZodIssues } from '@vigil/common-kit';
import { z } from 'zod';

/** Longest alert fingerprint stored (Alertmanager's are 16 hex digits). */
export const MAX_FINGERPRINT_LENGTH = 255;

// Go's RFC 3339 with nanoseconds, e.g. 2024-05-01T12:00:00.123456789+02:00.
const amTimestamp = z
  .string({ invalid_type_error: 'must be an RFC 3339 timestamp string' })
  .datetime({
    offset: true,
    message: 'must be an RFC 3339 timestamp, e.g. 2024-05-01T12:00:00Z',
  });
const stringMap = z.record(
  z.string({ invalid_type_error: 'values must be strings' }),
);
const alertStatus = z.enum(['firing', 'resolved'], {
  errorMap: () => ({ message: 'must be "firing" or "resolved"' }),
});

export const alertmanagerAlertSchema = z
  .object({
    status: alertStatus,
    labels: stringMap,
    annotations: stringMap.default({}),
    startsAt: amTimestamp,
    endsAt: amTimestamp.optional(),
    generatorURL: z.string().optional(),
    /** Absent before Alertmanager 0.19; then derived from the labels. */
    fingerprint: z
      .string()
      .min(1, 'must not be empty')
      .max(
        MAX_FINGERPRINT_LENGTH,
        `must be at most ${MAX_FINGERPRINT_LENGTH} characters`,
      )
      .optional(),
  })
  .passthrough();
export type AlertmanagerAlert = z.infer<typeof alertmanagerAlertSchema>;

/** Alertmanager webhook payload, version 4 (old payloads without `truncatedAlerts` too). */
export const alertmanagerPayloadSchema = z
  .object({
    version: z.literal('4', {
      errorMap: () => ({
        message: 'must be "4" (Alertmanager webhook version 4)',
      }),
    }),
    groupKey: z
      .string({
        required_error: 'is required',
        invalid_type_error: 'must be a string',
      })
      .min(1, 'must not be empty'),
    truncatedAlerts: z
      .number({ invalid_type_error: 'must be a number' })
      .int('must be an integer')
      .nonnegative('must not be negative')
      .default(0),
    status: alertStatus,
    receiver: z.string().default(''),
    groupLabels: stringMap.default({}),
    commonLabels: stringMap.default({}),
    commonAnnotations: stringMap.default({}),
    externalURL: z.string().default(''),
    alerts: z.array(alertmanagerAlertSchema, {
      required_error: 'is required',
      invalid_type_error: 'must be an array',
    }),
  })
  .passthrough();
export type AlertmanagerPayload = z.infer<typeof alertmanagerPayloadSchema>;

export type ParseAlertmanagerPayloadResult =
  | { ok: true; payload: AlertmanagerPayload }
  | { ok: false; errors: string[] };

/** Validates a webhook body; errors name the offending field, e.g. `alerts[0].startsAt: ...`. */
export function parseAlertmanagerPayload(
  body: unknown,
): ParseAlertmanagerPayloadResult {
  const result = alertmanagerPayloadSchema.safeParse(body);
  if (result.success) return { ok: true, payload: result.data };
  return { ok: false, errors: formatZodIssues(result.error) };
}

/** The alert's fingerprint, or a stable one derived from its labels for old payloads. */
export function alertFingerprint(
  alert: Pick<AlertmanagerAlert, 'fingerprint' | 'labels'>,
): string {
  if (alert.fingerprint) return alert.fingerprint;
  const pairs = Object.keys(alert.labels)
    .sort()
    .map(key => `${key}=${JSON.stringify(alert.labels[key])}`);
  const derived = `labels:{${pairs.join(',')}}`;
  // Many or long labels: a stable digest that fits the fingerprint column.
  return derived.length <= MAX_FINGERPRINT_LENGTH
    ? derived
    : `labels:${fnv1a(derived, 0x811c9dc5)}${fnv1a(derived, 0x01000193)}`;
}

/** 32-bit FNV-1a of `text` from `seed`, as 8 hex digits (isomorphic: no crypto module). */
function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
