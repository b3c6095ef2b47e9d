import { Incident, Postmortem, toMillis } from './model';

function cell(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

function lines(parts: string[]): string {
  return `${parts.join('\n')}\n`;
}

function section(title: string, body: string, level = 2): string {
  const text = body.trim();
  return `${'#'.repeat(level)} ${title}\n\n${text || '_None recorded._'}\n`;
}

/**
 * Renders a postmortem as Markdown, in the order of the Google SRE book
 * template, with the incident's facts as a header table.
 */
export function postmortemToMarkdown(
  postmortem: Postmortem,
  incident: Incident,
): string {
  const ts = incident.timestamps;
  const facts: Array<[string, string | undefined]> = [
    ['Incident', `${incident.title} (${incident.id})`],
    ['Severity', incident.severity],
    ['Status', incident.status],
    ['Postmortem state', postmortem.state],
    ['Affected entities', incident.entityRefs.join(', ')],
    ['Authors', postmortem.authors.join(', ') || undefined],
    ['Commander', incident.roles.commander],
    ['Detected', ts.detectedAt],
    ['Declared', ts.declaredAt],
    ['Acknowledged', ts.acknowledgedAt],
    ['Mitigated', ts.mitigatedAt],
    ['Resolved', ts.resolvedAt],
    ['Closed', ts.closedAt],
    ['Published', postmortem.publishedAt],
  ];
  const out: string[] = [];
  out.push(`# Postmortem: ${postmortem.title.replace(/\r?\n/g, ' ')}\n`);
  out.push(
    lines([
      '| Field | Value |',
      '| --- | --- |',
      ...facts
        .filter((f): f is [string, string] => Boolean(f[1]))
        .map(([k, v]) => `| ${k} | ${cell(v)} |`),
    ]),
  );
  out.push(section('Summary', postmortem.summary));
  out.push(section('Impact', postmortem.impact));
  out.push(section('Root Causes', postmortem.rootCauses));
  out.push(section('Trigger', postmortem.trigger));
  out.push(section('Resolution', postmortem.resolution));
  out.push(section('Detection', postmortem.detection));

  if (postmortem.actionItems.length === 0) {
    out.push(section('Action Items', ''));
  } else {
    out.push(
      lines([
        '## Action Items\n',
        '| Action item | Owner | Priority | Status | Due |',
        '| --- | --- | --- | --- | --- |',
        ...postmortem.actionItems.map(
          item =>
            `| ${cell(
              item.link ? `[${item.title}](${item.link})` : item.title,
            )} | ${cell(item.owner)} | ${item.priority} | ${item.status} | ${
              item.dueDate ?? ''
            } |`,
        ),
      ]),
    );
  }

  const lessons = postmortem.lessonsLearned;
  out.push('## Lessons Learned\n');
  out.push(section('What went well', lessons.whatWentWell, 3));
  out.push(section('What went wrong', lessons.whatWentWrong, 3));
  out.push(section('Where we got lucky', lessons.whereWeGotLucky, 3));

  const timeline = [...postmortem.timeline].sort(
    (a, b) => toMillis(a.at) - toMillis(b.at),
  );
  out.push(
    section(
      'Timeline',
      timeline
        .map(e => `- **${e.at}** ${e.text.replace(/\r?\n/g, ' ')}`)
        .join('\n'),
    ),
  );
  out.push(section('Supporting Information', postmortem.supportingInformation));
  return out.join('\n');
}
