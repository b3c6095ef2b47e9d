/**
 * Sloth specs: `version: prometheus/v1` and the Kubernetes CRD
 * `sloth.slok.dev/v1` `PrometheusServiceLevel`, which is the same spec with
 * camelCase keys inside a Kubernetes object.
 */
import { z } from 'zod';
import {
  DocumentContext,
  mergeLabels,
  originOf,
  warnUnknownFields,
} from './documentContext';
import type { AlertSpec, ServiceLevelSpec, SliSpec, SpecFormat } from './model';
import {
  slothKubernetesV1Schema,
  slothKubernetesV1SloSchema,
  slothPrometheusV1SloSchema,
  slothPrometheusV1SpecSchema,
} from './schemas';
import {
  findAlertProblems,
  findLabelProblems,
  findNameProblem,
  findObjectiveProblem,
  findSliProblems,
  SliFieldNames,
} from './validation';
import {
  isKnownSlothPlugin,
  resolveSlothPluginChain,
  SlothPluginChain,
} from './slothPlugins';
import { parseLenient } from './zodHelpers';

/** One Sloth SLO with the two spellings reconciled. */
interface SlothSlo {
  name: string;
  objective: number;
  description?: string;
  labels?: Record<string, string>;
  sli: {
    events?: { errorQuery: string; totalQuery: string };
    raw?: { errorRatioQuery: string };
    plugin?: { id: string };
  };
  alerting?: {
    name?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    page?: SlothAlert;
    ticket?: SlothAlert;
  };
  plugins?: SlothPluginChain;
}

interface SlothAlert {
  disable?: boolean;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** How each format spells the fields messages refer to. */
interface SlothFieldNames extends SliFieldNames {
  events: string;
  raw: string;
  plugin: string;
  alertName: string;
  groupPlugins: string;
  service: string;
}

const PROMETHEUS_V1_FIELDS: SlothFieldNames = {
  events: 'sli.events',
  raw: 'sli.raw',
  plugin: 'sli.plugin',
  errorQuery: 'sli.events.error_query',
  totalQuery: 'sli.events.total_query',
  errorRatioQuery: 'sli.raw.error_ratio_query',
  alertName: 'alerting.name',
  groupPlugins: 'slo_plugins',
  service: 'service',
};

const KUBERNETES_V1_FIELDS: SlothFieldNames = {
  ...PROMETHEUS_V1_FIELDS,
  errorQuery: 'sli.events.errorQuery',
  totalQuery: 'sli.events.totalQuery',
  errorRatioQuery: 'sli.raw.errorRatioQuery',
  groupPlugins: 'spec.sloPlugins',
  service: 'spec.service',
};

/** Plugins whose effect on the rules Vigil does not know (Go plugins). */
function unsupportedPluginIds(plugins?: SlothPluginChain): string[] {
  return (plugins?.chain ?? [])
    .map(plugin => plugin.id)
    .filter(id => !isKnownSlothPlugin(id));
}

/** e.g. `plugin "a" in plugins.chain is` / `plugins "a", "b" in plugins.chain are`. */
function describePluginIds(ids: string[], field: string): string {
  const unique = [...new Set(ids)].map(id => JSON.stringify(id));
  return unique.length === 1
    ? `plugin ${unique[0]} in ${field} is`
    : `plugins ${unique.join(', ')} in ${field} are`;
}

const GO_PLUGINS_OUT_OF_SCOPE =
  "Sloth's Go plugins are out of scope for this generator";
/** Which SLO plugins a chain may list instead. */
const SUPPORTED_SLO_PLUGINS =
  "only Sloth's own sloth.dev/core/* steps and the validation-only sloth.dev/contrib/validate_victoria_metrics/v1 are supported";

function fromPrometheusV1(
  slo: z.infer<typeof slothPrometheusV1SloSchema>,
): SlothSlo {
  return {
    name: slo.name,
    objective: slo.objective,
    description: slo.description,
    labels: slo.labels,
    sli: {
      events: slo.sli.events && {
        errorQuery: slo.sli.events.error_query,
        totalQuery: slo.sli.events.total_query,
      },
      raw: slo.sli.raw && { errorRatioQuery: slo.sli.raw.error_ratio_query },
      plugin: slo.sli.plugin,
    },
    alerting: slo.alerting && {
      ...slo.alerting,
      page: slo.alerting.page_alert,
      ticket: slo.alerting.ticket_alert,
    },
    plugins: slo.plugins,
  };
}

function fromKubernetesV1(
  slo: z.infer<typeof slothKubernetesV1SloSchema>,
): SlothSlo {
  return {
    name: slo.name,
    objective: slo.objective,
    description: slo.description,
    labels: slo.labels,
    sli: slo.sli,
    alerting: slo.alerting && {
      ...slo.alerting,
      page: slo.alerting.pageAlert,
      ticket: slo.alerting.ticketAlert,
    },
    plugins: slo.plugins,
  };
}

function toAlertSpec(
  alerting: SlothSlo['alerting'],
  alert: SlothAlert | undefined,
): AlertSpec {
  // As in Sloth: an alert is on unless disabled, even without `alerting`.
  if (alert?.disable) return { disabled: true };
  return {
    disabled: false,
    name: alerting?.name ?? '',
    labels: mergeLabels(alerting?.labels, alert?.labels),
    annotations: mergeLabels(alerting?.annotations, alert?.annotations),
  };
}

/** Validates one SLO; returns the problems, or none and the spec. */
function toServiceLevelSpec(
  slo: SlothSlo,
  service: string,
  groupLabels: Record<string, string> | undefined,
  groupPlugins: SlothPluginChain | undefined,
  fields: SlothFieldNames,
): { spec?: Omit<ServiceLevelSpec, 'origin'>; problems: string[] } {
  const problems: string[] = [];
  if (slo.sli.plugin) {
    problems.push(
      `SLI plugin ${JSON.stringify(
        slo.sli.plugin.id,
      )} is not supported: ${GO_PLUGINS_OUT_OF_SCOPE}; write the SLI as ${
        fields.events
      } or ${fields.raw} instead of ${fields.plugin}`,
    );
  }
  const unsupported = unsupportedPluginIds(slo.plugins);
  let ruleSteps: ServiceLevelSpec['ruleSteps'];
  if (unsupported.length > 0) {
    problems.push(
      `SLO ${describePluginIds(
        unsupported,
        'plugins.chain',
      )} not supported: ${GO_PLUGINS_OUT_OF_SCOPE} (${SUPPORTED_SLO_PLUGINS})`,
    );
  } else {
    // Sloth's own steps and validators: the same rules as Sloth's.
    const chain = resolveSlothPluginChain(groupPlugins, slo.plugins, 'plugins');
    problems.push(...chain.problems);
    ruleSteps = chain.ruleSteps;
  }
  const nameProblem = findNameProblem('SLO name', slo.name);
  if (nameProblem) problems.push(nameProblem);
  const objectiveProblem = findObjectiveProblem(slo.objective);
  if (objectiveProblem) problems.push(objectiveProblem);
  const labels = mergeLabels(groupLabels, slo.labels);
  problems.push(...findLabelProblems('label', labels));

  let sli: SliSpec | undefined;
  const { events, raw, plugin } = slo.sli;
  if (events && raw) {
    problems.push(
      `only one SLI type is allowed, but both ${fields.events} and ${fields.raw} are set`,
    );
  } else if (events) {
    sli = { type: 'events', ...events };
  } else if (raw) {
    sli = { type: 'raw', errorRatioQuery: raw.errorRatioQuery };
  } else if (!plugin) {
    problems.push(
      `an SLI is required: set ${fields.events} (error and total queries) or ${fields.raw} (error ratio query)`,
    );
  }
  if (sli) problems.push(...findSliProblems(sli, fields));

  const page = toAlertSpec(slo.alerting, slo.alerting?.page);
  const ticket = toAlertSpec(slo.alerting, slo.alerting?.ticket);
  // Both alerts share alerting.name/labels: report a shared problem once.
  problems.push(
    ...new Set([
      ...findAlertProblems(page, fields.alertName),
      ...findAlertProblems(ticket, fields.alertName),
    ]),
  );

  if (problems.length > 0 || !sli) return { problems };
  return {
    problems,
    spec: {
      id: `${service}-${slo.name}`,
      service,
      name: slo.name,
      ...(slo.description !== undefined && { description: slo.description }),
      objectivePercent: slo.objective,
      sli,
      labels,
      alerting: { page, ticket },
      ...(ruleSteps && { ruleSteps }),
    },
  };
}

/** The document-level part of a Sloth spec, once parsed. */
interface SlothGroup {
  format: SpecFormat;
  fields: SlothFieldNames;
  service: string;
  labels?: Record<string, string>;
  plugins?: SlothPluginChain;
  rawSlos: unknown[];
  sloSchema: z.ZodType<SlothSlo, z.ZodTypeDef, unknown>;
  kubernetes?: ServiceLevelSpec['origin']['kubernetes'];
}

// Built once: a zod schema per document would be rebuilt thousands of times.
/** The envelope only: each SLO is parsed on its own, so one bad SLO spares the others. */
const prometheusV1EnvelopeSchema = slothPrometheusV1SpecSchema.extend({
  slos: z.array(z.unknown()).min(1),
});
const kubernetesV1EnvelopeSchema = slothKubernetesV1Schema.extend({
  spec: slothKubernetesV1Schema.shape.spec.extend({
    slos: z.array(z.unknown()).min(1),
  }),
});
const prometheusV1SloSchema =
  slothPrometheusV1SloSchema.transform(fromPrometheusV1);
const kubernetesV1SloSchema =
  slothKubernetesV1SloSchema.transform(fromKubernetesV1);

function readSlothGroup(
  value: unknown,
  format: 'prometheus/v1' | 'sloth.slok.dev/v1',
  context: DocumentContext,
): SlothGroup | undefined {
  const { issues, documentIndex } = context;
  if (format === 'prometheus/v1') {
    const envelope = parseLenient(prometheusV1EnvelopeSchema, value);
    warnUnknownFields(context, format, envelope.unknownFields);
    if (!envelope.data) {
      envelope.problems.forEach(p => issues.error(p, { documentIndex }));
      return undefined;
    }
    return {
      format,
      fields: PROMETHEUS_V1_FIELDS,
      service: envelope.data.service,
      labels: envelope.data.labels,
      plugins: envelope.data.slo_plugins,
      rawSlos: envelope.data.slos,
      sloSchema: prometheusV1SloSchema,
    };
  }
  const envelope = parseLenient(kubernetesV1EnvelopeSchema, value);
  warnUnknownFields(context, format, envelope.unknownFields);
  if (!envelope.data) {
    envelope.problems.forEach(p => issues.error(p, { documentIndex }));
    return undefined;
  }
  const { metadata, spec } = envelope.data;
  return {
    format,
    fields: KUBERNETES_V1_FIELDS,
    service: spec.service,
    labels: spec.labels,
    plugins: spec.sloPlugins,
    rawSlos: spec.slos,
    sloSchema: kubernetesV1SloSchema,
    kubernetes: {
      name: metadata.name,
      ...(metadata.namespace !== undefined && {
        namespace: metadata.namespace,
      }),
      ...(metadata.labels && { labels: metadata.labels }),
      ...(metadata.annotations && { annotations: metadata.annotations }),
    },
  };
}

/** Reads one Sloth document; valid SLOs are returned, problems collected. */
export function parseSlothDocument(
  value: unknown,
  format: 'prometheus/v1' | 'sloth.slok.dev/v1',
  context: DocumentContext,
): ServiceLevelSpec[] {
  const { issues, documentIndex } = context;
  const group = readSlothGroup(value, format, context);
  if (!group) return [];

  let groupUsable = true;
  const serviceProblem = findNameProblem(group.fields.service, group.service);
  if (serviceProblem) {
    issues.error(serviceProblem, { documentIndex });
    groupUsable = false;
  }
  if (group.kubernetes) {
    const objectNameProblem = findNameProblem(
      'metadata.name',
      group.kubernetes.name,
    );
    if (objectNameProblem) {
      issues.error(objectNameProblem, { documentIndex });
      groupUsable = false;
    }
  }
  const unsupportedGroupPlugins = unsupportedPluginIds(group.plugins);
  if (unsupportedGroupPlugins.length > 0) {
    issues.error(
      `SLO ${describePluginIds(
        unsupportedGroupPlugins,
        group.fields.groupPlugins,
      )} not supported: ${GO_PLUGINS_OUT_OF_SCOPE} (${SUPPORTED_SLO_PLUGINS}); no SLO of this document is generated`,
      { documentIndex, service: group.service },
    );
    groupUsable = false;
  }

  const specs: ServiceLevelSpec[] = [];
  group.rawSlos.forEach((rawSlo, index) => {
    const rawName = (rawSlo as { name?: unknown } | null)?.name;
    const slo =
      typeof rawName === 'string' && rawName !== ''
        ? rawName
        : `slos[${index}]`;
    const where = { documentIndex, service: group.service, slo };
    const parsed = parseLenient(group.sloSchema, rawSlo);
    warnUnknownFields(context, group.format, parsed.unknownFields, slo);
    if (!parsed.data) {
      parsed.problems.forEach(problem => issues.error(problem, where));
      return;
    }
    const result = toServiceLevelSpec(
      parsed.data,
      group.service,
      group.labels,
      group.plugins,
      group.fields,
    );
    result.problems.forEach(problem => issues.error(problem, where));
    if (result.spec && groupUsable) {
      specs.push({
        ...result.spec,
        origin: {
          ...originOf(context, group.format),
          ...(group.kubernetes && { kubernetes: group.kubernetes }),
        },
      });
    }
  });
  return specs;
}
