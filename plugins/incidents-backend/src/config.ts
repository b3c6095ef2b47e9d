import type { Config } from '@backstage/config';
import {
  DEFAULT_CORRELATION_LABELS,
  Severity,
  SeverityTable,
  isFullEntityRef,
  resolveSeverityTable,
  severityConfigSchema,
  severitySchema,
} from '@vigil/backstage-plugin-incidents-common';

/** Section keys of the postmortem template. */
export const TEMPLATE_SECTIONS = [
  'summary',
  'impact',
  'rootCauses',
  'trigger',
  'resolution',
  'detection',
  'whatWentWell',
  'whatWentWrong',
  'whereWeGotLucky',
  'supportingInformation',
] as const;
export type TemplateSection = (typeof TEMPLATE_SECTIONS)[number];
export type PostmortemTemplate = Record<TemplateSection, string>;

/**
 * The default template: prompts as HTML comments, so they guide the author
 * in the editor but render as nothing once published.
 */
export const DEFAULT_POSTMORTEM_TEMPLATE: Readonly<PostmortemTemplate> = {
  summary: '<!-- What happened, in two or three sentences. -->\n',
  impact:
    '<!-- Who was affected and how: users, requests, revenue, error budget spent. -->\n',
  rootCauses:
    '<!-- Why it happened. Ask "why" until you reach causes the system, not people, can fix. -->\n',
  trigger:
    '<!-- What set the root causes off (a deploy, traffic, a dependency). -->\n',
  resolution: '<!-- What mitigated and then resolved it. -->\n',
  detection:
    '<!-- How we found out (alert, customer, engineer) and how fast. -->\n',
  whatWentWell: '',
  whatWentWrong: '',
  whereWeGotLucky: '',
  supportingInformation:
    '<!-- Dashboards, graphs, logs, related incidents. -->\n',
};

export interface IncidentsBackendConfig {
  severities: SeverityTable;
  allowCloseWithoutPublishedPostmortem: boolean;
  notifyOnDeclare: boolean;
  pageOnCall: boolean;
  alertmanager: {
    webhookToken?: string;
    entityLabels: string[];
    fallbackEntityRef?: string;
    resolveIncidentWhenAllResolved: boolean;
    reopenOnRefire: boolean;
    severityLabels: string[];
    severityMap: Record<string, Severity>;
    defaultSeverity: Severity;
    maxPayloadSize: string;
    /** Label sets identifying an alert's problem (with its entity); empty: none. */
    correlationLabels: string[][];
  };
  postmortemTemplate: PostmortemTemplate;
}

function fail(key: string, problem: string): never {
  throw new Error(`Invalid config vigil.incidents.${key}: ${problem}`);
}

/** `correlationLabels`: label sets (a single label may be written as a string). */
function readCorrelationLabels(value: unknown): string[][] {
  if (value === undefined)
    return DEFAULT_CORRELATION_LABELS.map(set => [...set]);
  const key = 'alertmanager.correlationLabels';
  if (!Array.isArray(value)) {
    fail(key, 'must be a list of label names or lists of label names');
  }
  return value.map((entry, index) => {
    const set = typeof entry === 'string' ? [entry] : entry;
    if (
      !Array.isArray(set) ||
      set.length === 0 ||
      !set.every(
        label =>
          typeof label === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(label),
      )
    ) {
      fail(
        `${key}[${index}]`,
        `must be a label name or a non-empty list of label names, got ${JSON.stringify(
          entry,
        )}`,
      );
    }
    return set as string[];
  });
}

function readSeverity(value: unknown, key: string): Severity {
  const parsed = severitySchema.safeParse(value);
  if (!parsed.success)
    fail(
      key,
      `must be one of SEV1, SEV2, SEV3, SEV4, got ${JSON.stringify(value)}`,
    );
  return parsed.data;
}

/** Reads `vigil.incidents`, with the defaults; a bad value fails startup with its key. */
export function readIncidentsConfig(config: Config): IncidentsBackendConfig {
  const root = config.getOptionalConfig('vigil.incidents');
  const severities = severityConfigSchema.safeParse(
    root?.getOptional('severities') ?? {},
  );
  if (!severities.success) {
    fail(
      'severities',
      severities.error.issues
        .map(i => `${i.path.join('.')}: ${i.message}`)
        .join('; '),
    );
  }
  const am = root?.getOptionalConfig('alertmanager');
  const fallbackEntityRef = am?.getOptionalString('fallbackEntityRef');
  if (fallbackEntityRef && !isFullEntityRef(fallbackEntityRef)) {
    fail(
      'alertmanager.fallbackEntityRef',
      'must be a full entity ref kind:namespace/name',
    );
  }
  const severityMap: Record<string, Severity> = {};
  const mapConfig = am?.getOptionalConfig('severityMap');
  for (const key of mapConfig?.keys() ?? []) {
    severityMap[key.toLowerCase()] = readSeverity(
      mapConfig!.getString(key),
      `alertmanager.severityMap.${key}`,
    );
  }
  const template = { ...DEFAULT_POSTMORTEM_TEMPLATE };
  const templateConfig = root?.getOptionalConfig('postmortem.template');
  for (const key of templateConfig?.keys() ?? []) {
    if (!(TEMPLATE_SECTIONS as readonly string[]).includes(key)) {
      fail(
        `postmortem.template.${key}`,
        `unknown section; use one of ${TEMPLATE_SECTIONS.join(', ')}`,
      );
    }
    template[key as TemplateSection] = templateConfig!.getString(key);
  }
  const token = am?.getOptionalString('webhookToken');
  return {
    severities: resolveSeverityTable(severities.data),
    allowCloseWithoutPublishedPostmortem:
      root?.getOptionalBoolean('allowCloseWithoutPublishedPostmortem') ?? false,
    notifyOnDeclare: root?.getOptionalBoolean('notifyOnDeclare') ?? true,
    pageOnCall: root?.getOptionalBoolean('pageOnCall') ?? true,
    alertmanager: {
      ...(token ? { webhookToken: token } : {}),
      entityLabels: am?.getOptionalStringArray('entityLabels') ?? [
        'service',
        'sloth_service',
      ],
      ...(fallbackEntityRef ? { fallbackEntityRef } : {}),
      resolveIncidentWhenAllResolved:
        am?.getOptionalBoolean('resolveIncidentWhenAllResolved') ?? false,
      reopenOnRefire: am?.getOptionalBoolean('reopenOnRefire') ?? true,
      severityLabels: am?.getOptionalStringArray('severityLabels') ?? [
        'severity',
        'sloth_severity',
      ],
      severityMap,
      defaultSeverity: am?.has('defaultSeverity')
        ? readSeverity(
            am.getString('defaultSeverity'),
            'alertmanager.defaultSeverity',
          )
        : 'SEV3',
      maxPayloadSize: am?.getOptionalString('maxPayloadSize') ?? '5mb',
      correlationLabels: readCorrelationLabels(
        am?.getOptional('correlationLabels'),
      ),
    },
    postmortemTemplate: template,
  };
}
