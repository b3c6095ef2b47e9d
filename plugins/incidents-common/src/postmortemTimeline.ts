import { Incident, Postmortem, TimelineEvent } from './model';

/**
 * One timeline event as a line of a postmortem's timeline, or undefined for
 * the events a postmortem leaves out (its own creation and publication).
 */
export function describeTimelineEvent(
  event: TimelineEvent,
): string | undefined {
  switch (event.type) {
    case 'status_changed':
      return `Status ${event.from} → ${event.to} (${event.actor})`;
    case 'severity_changed':
      return `Severity ${event.from} → ${event.to} (${event.actor})`;
    case 'role_assigned':
      return `${event.assignee} became ${event.role}`;
    case 'role_unassigned':
      return `${event.previous} stepped down as ${event.role}`;
    case 'note':
      return `${event.actor}: ${event.text}`.slice(0, 5000);
    case 'alert_attached':
      return `Alert ${event.alertName ?? event.fingerprint} firing`;
    case 'alert_resolved':
      return `Alert ${event.alertName ?? event.fingerprint} resolved`;
    case 'link':
      return `Link: ${event.title ?? event.url}`;
    case 'acknowledged':
      return `Acknowledged by ${event.actor}`;
    case 'paged':
      return `Paged ${event.userRefs.join(', ')}${
        event.policyName
          ? ` (${event.policyName}, step ${event.stepIndex + 1})`
          : ''
      }`;
    case 'paging_unavailable':
      return `Nobody paged: ${event.message}`;
    case 'alerts_truncated':
      return `Alertmanager left out ${event.truncatedAlerts} alert(s) of a notification`;
    default:
      return undefined;
  }
}

/**
 * The incident's timeline as the postmortem's first draft of "what happened
 * when": detection, declaration, then every event a postmortem tells of.
 */
export function postmortemTimeline(
  incident: Incident,
  timeline: readonly TimelineEvent[],
): Postmortem['timeline'] {
  const entries: Postmortem['timeline'] = [];
  if (incident.timestamps.detectedAt) {
    entries.push({ at: incident.timestamps.detectedAt, text: 'Detected' });
  }
  entries.push({
    at: incident.timestamps.declaredAt,
    text: `Incident declared (${incident.severity}) by ${incident.createdBy}`,
  });
  for (const event of timeline) {
    const text = describeTimelineEvent(event);
    if (text) entries.push({ at: event.at, text });
  }
  return entries;
}
