import type { AddServiceValues } from './serviceInput';
import { leLabel } from './sloSpec';
import { yamlString } from './yamlText';

/**
 * The runbook's mkdocs.yml. No hooks or plugins beyond search: the portal
 * builds it with its own TechDocs settings, and production's techdocs-core
 * works on it unchanged.
 *
 * @public
 */
export function renderMkdocs(values: AddServiceValues): string {
  return [
    `site_name: ${yamlString(`${values.title} runbook`)}`,
    `site_description: ${yamlString(values.description)}`,
    'docs_dir: docs',
    'nav:',
    '  - Runbook: index.md',
    'theme:',
    '  name: material',
    '  font: false',
    'plugins:',
    '  - search',
    '',
  ].join('\n');
}

/**
 * The runbook's first page: the sections a team fills in, each with what
 * belongs there, and the facts the template already knows.
 *
 * @public
 */
export function renderRunbookIndex(values: AddServiceValues): string {
  const threshold = `${leLabel(values.latencyThresholdMs)} s`;
  return `# ${values.title}

${values.description}

> Written by the portal's **Add your service** template. Replace every
> _To fill in_ below; the portal rebuilds this page when the template runs
> again, and your documentation pipeline (or \`./vigil start\`) publishes edits.

| | |
| --- | --- |
| Owner | \`${values.owner}\` |
| System | ${values.system ? `\`${values.system}\`` : '_none yet_'} |
| Prometheus job | \`${values.prometheusJob}\` |
| Availability objective | ${
    values.availabilityObjective
  }% of requests without a 5xx |
| Latency objective | ${
    values.latencyObjective
  }% of requests under ${threshold} |

## What the service does

_To fill in_: who calls it, what it depends on, what breaks for users when it is down.

## Dashboards and signals

- The **SLOs** tab: budgets and burn rates from \`slo.yaml\`.
- The **Health** tab: the \`${
    values.prometheusJob
  }\` job's request rate, errors and latency.
- The **Logs** tab: log lines whose \`service\` is \`${values.name}\`.

_To fill in_: any other dashboard worth opening first.

## When the availability SLO burns

_To fill in_: the first three things to check (recent deploys, a dependency, saturation)
and how to mitigate each (roll back, fail over, shed load).

## When the latency SLO burns

_To fill in_: what usually makes it slow and how to relieve it.

## Deploy and roll back

_To fill in_: how a release goes out and the exact rollback command.

## On call

The starter schedule is in \`oncall.yaml\` beside this site's \`mkdocs.yml\`; the
owning group's **On call** tab shows and edits the live one.

_To fill in_: escalation contacts outside the team.

## Known issues

_To fill in_: quirks, recurring alerts and their explanations.
`;
}
