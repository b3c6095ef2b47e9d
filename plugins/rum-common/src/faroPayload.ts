import { z } from 'zod';

/*
 * The body Grafana Faro's web SDK posts (faro-core's TransportBody) and
 * Grafana Alloy's `faro.receiver` accepts: `meta` plus any of `logs`,
 * `exceptions`, `measurements`, `events` and `traces`. Unknown keys are
 * dropped, as the receiver does; wrong types and oversize lists are a 400.
 * Traces (OTLP) are accepted and ignored: Vigil keeps no browser spans.
 */

const MAX_ITEMS = 500;
const text = (max: number) => z.string().max(max);
const timestamp = z.string().max(64);
const attributes = z.record(text(200), text(2000));
const trace = z
  .object({ trace_id: text(64).optional(), span_id: text(32).optional() })
  .optional();
const action = z
  .object({ name: text(500).optional(), parentId: text(200).optional() })
  .optional();

/** @public */
export const faroMetaSchema = z.object({
  sdk: z
    .object({ name: text(200).optional(), version: text(64).optional() })
    .optional(),
  app: z
    .object({
      name: text(200).optional(),
      version: text(200).optional(),
      release: text(200).optional(),
      environment: text(100).optional(),
      bundleId: text(200).optional(),
    })
    .optional(),
  user: z
    .object({
      id: text(200).optional(),
      hash: text(200).optional(),
      attributes: attributes.optional(),
    })
    .optional(),
  session: z
    .object({ id: text(200).optional(), attributes: attributes.optional() })
    .optional(),
  page: z
    .object({
      id: text(200).optional(),
      url: text(4000).optional(),
      attributes: attributes.optional(),
    })
    .optional(),
  browser: z
    .object({
      name: text(200).optional(),
      version: text(200).optional(),
      os: text(200).optional(),
      mobile: z.boolean().optional(),
    })
    .optional(),
  view: z.object({ name: text(200) }).optional(),
});

/** @public */
export const faroStackFrameSchema = z.object({
  filename: text(2000).default(''),
  function: text(1000).default(''),
  lineno: z.number().int().nonnegative().optional(),
  colno: z.number().int().nonnegative().optional(),
});

/** @public */
export const faroExceptionSchema = z.object({
  type: text(500),
  value: text(10_000),
  timestamp,
  fatal: z.boolean().optional(),
  fingerprint: text(200).optional(),
  stacktrace: z
    .object({ frames: z.array(faroStackFrameSchema).max(200) })
    .optional(),
  context: attributes.optional(),
  trace,
  action,
});

/** @public */
export const faroMeasurementSchema = z.object({
  type: text(200),
  values: z.record(text(200), z.number().finite()),
  timestamp,
  context: attributes.optional(),
  trace,
  action,
});

/** @public */
export const faroLogSchema = z.object({
  message: text(10_000),
  level: text(16),
  timestamp,
  context: attributes.optional().nullable(),
  trace,
  action,
});

/** @public */
export const faroEventSchema = z.object({
  name: text(200),
  domain: text(200).optional(),
  timestamp,
  attributes: attributes.optional(),
  trace,
  action,
});

/**
 * The collector's request body.
 * @public
 */
export const faroPayloadSchema = z.object({
  meta: faroMetaSchema,
  exceptions: z.array(faroExceptionSchema).max(MAX_ITEMS).optional(),
  measurements: z.array(faroMeasurementSchema).max(MAX_ITEMS).optional(),
  logs: z.array(faroLogSchema).max(MAX_ITEMS).optional(),
  events: z.array(faroEventSchema).max(MAX_ITEMS).optional(),
  traces: z.unknown().optional(),
});

/** @public */
export type FaroPayload = z.output<typeof faroPayloadSchema>;
/** @public */
export type FaroException = z.output<typeof faroExceptionSchema>;
/** @public */
export type FaroMeasurement = z.output<typeof faroMeasurementSchema>;
/** @public */
export type FaroEvent = z.output<typeof faroEventSchema>;
