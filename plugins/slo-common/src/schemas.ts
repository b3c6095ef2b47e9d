/**
 * zod schemas of the accepted input formats, as written in YAML. Objects are
 * strict so unknown fields can be reported (as warnings: Sloth ignores them,
 * and its own test specs contain some).
 */
import { z } from 'zod';

const stringMap = z.record(z.string(), z.string());

// ---------------------------------------------------------------------------
// Sloth plugins: parsed only to reject them by id (Go plugins are out of scope).

const slothPluginSchema = z
  .object({
    id: z.string(),
    priority: z.number().optional(),
    config: z.unknown().optional(),
  })
  .passthrough();

/** `slo_plugins` / `sloPlugins` / `plugins`: a chain of Sloth SLO plugins. */
export const slothPluginChainSchema = z
  .object({
    overridePrevious: z.boolean().optional(),
    chain: z.array(slothPluginSchema).optional(),
  })
  .strict();

const slothSliPluginSchema = z
  .object({
    id: z.string(),
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

// ---------------------------------------------------------------------------
// Sloth `version: prometheus/v1`

const slothAlertSchema = z
  .object({
    disable: z.boolean().optional(),
    labels: stringMap.optional(),
    annotations: stringMap.optional(),
  })
  .strict();

export const slothPrometheusV1SloSchema = z
  .object({
    name: z.string(),
    objective: z.number(),
    description: z.string().optional(),
    labels: stringMap.optional(),
    sli: z
      .object({
        events: z
          .object({ error_query: z.string(), total_query: z.string() })
          .strict()
          .optional(),
        raw: z.object({ error_ratio_query: z.string() }).strict().optional(),
        plugin: slothSliPluginSchema.optional(),
      })
      .strict(),
    alerting: z
      .object({
        name: z.string().optional(),
        labels: stringMap.optional(),
        annotations: stringMap.optional(),
        page_alert: slothAlertSchema.optional(),
        ticket_alert: slothAlertSchema.optional(),
      })
      .strict()
      .optional(),
    plugins: slothPluginChainSchema.optional(),
  })
  .strict();

export const slothPrometheusV1SpecSchema = z
  .object({
    version: z.literal('prometheus/v1'),
    service: z.string(),
    labels: stringMap.optional(),
    slos: z.array(slothPrometheusV1SloSchema).min(1),
    slo_plugins: slothPluginChainSchema.optional(),
  })
  .strict();

export type SlothPrometheusV1Spec = z.infer<typeof slothPrometheusV1SpecSchema>;
export type SlothPrometheusV1Slo = z.infer<typeof slothPrometheusV1SloSchema>;

// ---------------------------------------------------------------------------
// Sloth Kubernetes CRD `sloth.slok.dev/v1` `PrometheusServiceLevel`

const kubernetesMetadataSchema = z
  .object({
    name: z.string(),
    namespace: z.string().optional(),
    labels: stringMap.optional(),
    annotations: stringMap.optional(),
  })
  // uid, resourceVersion, managedFields... are legitimately present.
  .passthrough();

export const slothKubernetesV1SloSchema = z
  .object({
    name: z.string(),
    objective: z.number(),
    description: z.string().optional(),
    labels: stringMap.optional(),
    sli: z
      .object({
        events: z
          .object({ errorQuery: z.string(), totalQuery: z.string() })
          .strict()
          .optional(),
        raw: z.object({ errorRatioQuery: z.string() }).strict().optional(),
        plugin: slothSliPluginSchema.optional(),
      })
      .strict(),
    alerting: z
      .object({
        name: z.string().optional(),
        labels: stringMap.optional(),
        annotations: stringMap.optional(),
        pageAlert: slothAlertSchema.optional(),
        ticketAlert: slothAlertSchema.optional(),
      })
      .strict()
      .optional(),
    plugins: slothPluginChainSchema.optional(),
  })
  .strict();

export const slothKubernetesV1Schema = z
  .object({
    apiVersion: z.literal('sloth.slok.dev/v1'),
    kind: z.literal('PrometheusServiceLevel'),
    metadata: kubernetesMetadataSchema,
    spec: z
      .object({
        service: z.string(),
        labels: stringMap.optional(),
        slos: z.array(slothKubernetesV1SloSchema).min(1),
        sloPlugins: slothPluginChainSchema.optional(),
      })
      .strict(),
    status: z.unknown().optional(),
  })
  .strict();

export type SlothKubernetesV1 = z.infer<typeof slothKubernetesV1Schema>;
export type SlothKubernetesV1Slo = z.infer<typeof slothKubernetesV1SloSchema>;

// ---------------------------------------------------------------------------
// OpenSLO `openslo/v1alpha` `SLO` (as Sloth reads it)

const openSloV1AlphaQuerySchema = z
  .object({
    source: z.string(),
    queryType: z.string(),
    query: z.string(),
    metadata: z.unknown().optional(),
  })
  .strict();

export const openSloV1AlphaObjectiveSchema = z
  .object({
    displayName: z.string().optional(),
    op: z.string().optional(),
    value: z.number().optional(),
    target: z.number(),
    timeSliceTarget: z.number().optional(),
    ratioMetrics: z
      .object({
        incremental: z.boolean().optional(),
        good: openSloV1AlphaQuerySchema,
        total: openSloV1AlphaQuerySchema,
      })
      .strict()
      .optional(),
  })
  .strict();

const openSloV1AlphaTimeWindowSchema = z
  .object({
    count: z.number(),
    unit: z.string(),
    isRolling: z.boolean().optional(),
    calendar: z.unknown().optional(),
  })
  .strict();

const openSloMetadataSchema = z
  .object({
    name: z.string(),
    displayName: z.string().optional(),
    labels: z.unknown().optional(),
    annotations: z.unknown().optional(),
  })
  .strict();

export const openSloV1AlphaSloSchema = z
  .object({
    apiVersion: z.literal('openslo/v1alpha'),
    kind: z.literal('SLO'),
    metadata: openSloMetadataSchema,
    spec: z
      .object({
        service: z.string(),
        description: z.string().optional(),
        indicator: z.unknown().optional(),
        budgetingMethod: z.string().optional(),
        timeWindows: z.array(openSloV1AlphaTimeWindowSchema).optional(),
        objectives: z.array(openSloV1AlphaObjectiveSchema).min(1),
      })
      .strict(),
  })
  .strict();

export type OpenSloV1AlphaSlo = z.infer<typeof openSloV1AlphaSloSchema>;

// ---------------------------------------------------------------------------
// OpenSLO `openslo/v1` `SLO` and `SLI`

const openSloV1MetricSourceSchema = z
  .object({
    metricSourceRef: z.string().optional(),
    type: z.string().optional(),
    // Data-source specific; for Prometheus only `query` matters.
    spec: z.object({ query: z.string() }).passthrough(),
  })
  .strict();

const openSloV1MetricSchema = z
  .object({ metricSource: openSloV1MetricSourceSchema })
  .strict();

export const openSloV1SliSpecSchema = z
  .object({
    description: z.string().optional(),
    ratioMetric: z
      .object({
        counter: z.boolean().optional(),
        good: openSloV1MetricSchema.optional(),
        bad: openSloV1MetricSchema.optional(),
        total: openSloV1MetricSchema.optional(),
        rawType: z.enum(['success', 'failure']).optional(),
        raw: openSloV1MetricSchema.optional(),
      })
      .strict()
      .optional(),
    thresholdMetric: openSloV1MetricSchema.optional(),
  })
  .strict();

export const openSloV1SliSchema = z
  .object({
    apiVersion: z.literal('openslo/v1'),
    kind: z.literal('SLI'),
    metadata: openSloMetadataSchema,
    spec: openSloV1SliSpecSchema,
  })
  .strict();

export const openSloV1ObjectiveSchema = z
  .object({
    displayName: z.string().optional(),
    op: z.string().optional(),
    value: z.number().optional(),
    target: z.number().optional(),
    targetPercent: z.number().optional(),
    timeSliceTarget: z.number().optional(),
    timeSliceWindow: z.union([z.string(), z.number()]).optional(),
    compositeWeight: z.number().optional(),
  })
  .strict();

const openSloV1TimeWindowSchema = z
  .object({
    duration: z.string(),
    isRolling: z.boolean().optional(),
    calendar: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const openSloV1SloSchema = z
  .object({
    apiVersion: z.literal('openslo/v1'),
    kind: z.literal('SLO'),
    metadata: openSloMetadataSchema,
    spec: z
      .object({
        description: z.string().optional(),
        service: z.string(),
        indicator: z
          .object({
            metadata: openSloMetadataSchema,
            spec: openSloV1SliSpecSchema,
          })
          .strict()
          .optional(),
        indicatorRef: z.string().optional(),
        timeWindow: z.array(openSloV1TimeWindowSchema).optional(),
        budgetingMethod: z.string(),
        objectives: z.array(openSloV1ObjectiveSchema).min(1),
        alertPolicies: z.array(z.unknown()).optional(),
      })
      .strict(),
  })
  .strict();

export type OpenSloV1Slo = z.infer<typeof openSloV1SloSchema>;
export type OpenSloV1Sli = z.infer<typeof openSloV1SliSchema>;
export type OpenSloV1SliSpec = z.infer<typeof openSloV1SliSpecSchema>;

// ---------------------------------------------------------------------------
// Sloth alert windows file (`sloth.slok.dev/v1` `AlertWindows`)

const alertWindowSchema = z
  .object({
    errorBudgetPercent: z.number(),
    shortWindow: z.string(),
    longWindow: z.string(),
  })
  .strict();

const alertWindowPairSchema = z
  .object({ quick: alertWindowSchema, slow: alertWindowSchema })
  .strict();

export const slothAlertWindowsSchema = z
  .object({
    apiVersion: z.literal('sloth.slok.dev/v1'),
    kind: z.literal('AlertWindows'),
    spec: z
      .object({
        sloPeriod: z.string(),
        page: alertWindowPairSchema,
        ticket: alertWindowPairSchema,
      })
      .strict(),
  })
  .strict();
