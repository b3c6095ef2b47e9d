import { Incident, Postmortem, TimelineEvent } from './model';
import { postmortemTimeline } from './postmortemTimeline';

/**
 * The text a new postmortem starts with, per section (the backend's
 * `vigil.incidents.postmortemTemplate`).
 */
export interface PostmortemTemplateText {
  summary: string;
  impact: string;
  rootCauses: string;
  trigger: string;
  resolution: string;
  detection: string;
  whatWentWell: string;
  whatWentWrong: string;
  whereWeGotLucky: string;
  supportingInformation: string;
}

/**
 * A resolved incident's first postmortem draft: the template's sections,
 * the incident's summary above the template's, the timeline so far, and the
 * person who started it as its author (a service starts it authorless).
 */
export function draftPostmortem(options: {
  id: string;
  incident: Incident;
  timeline: readonly TimelineEvent[];
  template: PostmortemTemplateText;
  actor: string;
  now: string;
}): Postmortem {
  const { id, incident, timeline, template, actor, now } = options;
  return {
    id,
    incidentId: incident.id,
    title: incident.title,
    state: 'draft',
    authors: actor.startsWith('user:') ? [actor] : [],
    summary: incident.summary
      ? `${incident.summary}\n\n${template.summary}`
      : template.summary,
    impact: template.impact,
    rootCauses: template.rootCauses,
    trigger: template.trigger,
    resolution: template.resolution,
    detection: template.detection,
    actionItems: [],
    lessonsLearned: {
      whatWentWell: template.whatWentWell,
      whatWentWrong: template.whatWentWrong,
      whereWeGotLucky: template.whereWeGotLucky,
    },
    timeline: postmortemTimeline(incident, timeline),
    supportingInformation: template.supportingInformation,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}
