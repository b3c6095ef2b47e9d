import type { AddServiceValues } from './serviceInput';
import { yamlString } from './yamlText';

/** The files of a service folder, relative to it. @public */
export const SERVICE_FILES = {
  catalogInfo: 'catalog-info.yaml',
  sloSpec: 'slo.yaml',
  mkdocs: 'mkdocs.yml',
  docsIndex: 'docs/index.md',
  onCall: 'oncall.yaml',
} as const;

/** The annotations a new service carries, as Vigil's plugins read them. @public */
export const SERVICE_ANNOTATIONS = {
  techdocsRef: 'backstage.io/techdocs-ref',
  sloSpec: 'vigil.dev/slo-spec',
  prometheusJob: 'vigil.dev/prometheus-job',
  alertService: 'vigil.dev/alert-service',
  logService: 'vigil.dev/log-service',
} as const;

/**
 * The service's catalog-info.yaml: a Component in namespace `default` whose
 * docs, SLO spec and on-call stub sit beside it, read by the portal as a
 * `file` location.
 *
 * @public
 */
export function renderCatalogInfo(values: AddServiceValues): string {
  const { name } = values;
  return [
    `# ${values.title}: written by the portal's "Add your service" template.`,
    '# Edit it like any catalog file; the portal re-reads it within seconds.',
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    '  namespace: default',
    `  title: ${yamlString(values.title)}`,
    `  description: ${yamlString(values.description)}`,
    '  annotations:',
    '    # The runbook (TechDocs): mkdocs.yml and docs/ beside this file.',
    `    ${SERVICE_ANNOTATIONS.techdocsRef}: dir:.`,
    '    # SLOs as code (Sloth prometheus/v1), relative to this file.',
    `    ${SERVICE_ANNOTATIONS.sloSpec}: ./${SERVICE_FILES.sloSpec}`,
    '    # The Prometheus job that scrapes the service (Health tab, SLO queries).',
    `    ${SERVICE_ANNOTATIONS.prometheusJob}: ${yamlString(
      values.prometheusJob,
    )}`,
    '    # Alerts whose `service` / `sloth_service` label is this open incidents here.',
    `    ${SERVICE_ANNOTATIONS.alertService}: ${name}`,
    '    # The `service` field of its log lines (Logs tab).',
    `    ${SERVICE_ANNOTATIONS.logService}: ${name}`,
    '  tags: [onboarded]',
    'spec:',
    '  type: service',
    '  lifecycle: experimental',
    `  owner: ${values.owner}`,
    ...(values.system ? [`  system: ${values.system}`] : []),
    '',
  ].join('\n');
}
