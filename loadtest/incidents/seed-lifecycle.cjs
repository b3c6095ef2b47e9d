// Carries out one seed plan (seed-data.mjs) in memory with the plugin's own
// domain functions, as the portal's services would over the incident's
// life: declareIncident, takeCommand and applyIncidentUpdate (refusals
// fail the seeding), notes, and the postmortem drafted from the incident's
// timeline and the default template, moved through its states with the
// changes the store makes to the incident. The result is what
// seed-incidents.cjs stores in one go: the final incident, every timeline
// event in order, the postmortem. Needs the Backstage CLI's transform.
const {
  applyIncidentUpdate,
  checkDetectedAt,
  declareIncident,
  draftPostmortem,
  isAllowedPostmortemTransition,
  takeCommand,
} = require('@vigil/backstage-plugin-incidents-common');
const {
  DEFAULT_POSTMORTEM_TEMPLATE: template,
} = require('../../plugins/incidents-backend/src/config');

const iso = ms => new Date(ms).toISOString();

/** The authors' save before review: the sections written, the action items. */
function writtenPostmortem(postmortem, incident, actionItems, now) {
  return {
    ...postmortem,
    summary: `${incident.title}. ${incident.summary ?? ''}`.trim(),
    impact: `Customers of ${incident.entityRefs.join(', ')} saw errors.`,
    rootCauses: 'A configuration change exhausted a shared resource.',
    trigger: 'A routine deploy.',
    resolution: 'Rolled back, then fixed forward.',
    detection: 'The SLO burn rate alert paged the on-call engineer.',
    lessonsLearned: {
      whatWentWell: 'The rollback was quick.',
      whatWentWrong: 'The alert fired late.',
      whereWeGotLucky: 'It happened off-peak.',
    },
    ...(actionItems ? { actionItems } : {}),
    updatedAt: now,
    version: postmortem.version + 1,
  };
}

/**
 * The incident (with its owners), its timeline events and its postmortem
 * (with who created it) after every action of `plan`.
 */
function carryOut(plan) {
  const declaredAt = iso(plan.declaredAt);
  const detected = checkDetectedAt(iso(plan.request.detectedAt), declaredAt);
  if (!detected.ok)
    throw new Error(`seed plan ${plan.id}: ${detected.message}`);
  const declared = declareIncident(
    { ...plan.request, detectedAt: detected.detectedAt },
    plan.id,
    plan.declaredBy,
    declaredAt,
    { source: 'user' },
  );
  let incident = declared.incident;
  const events = [...declared.events];
  let postmortem;
  let postmortemBy;
  for (const action of plan.actions) {
    const { actor } = action;
    const now = iso(action.at);
    if (action.note) {
      events.push({ type: 'note', at: now, actor, text: action.note });
      continue;
    }
    if (action.postmortem?.id) {
      if (incident.status !== 'resolved' && incident.status !== 'closed') {
        throw new Error(`seed plan ${plan.id}: postmortem before resolving`);
      }
      const { id } = action.postmortem;
      postmortem = draftPostmortem({
        id,
        incident,
        timeline: events,
        template,
        actor,
        now,
      });
      postmortemBy = actor;
      // What the store's createPostmortem does to the incident.
      incident = { ...incident, postmortemState: 'draft' };
      events.push({
        type: 'postmortem_created',
        at: now,
        actor,
        postmortemId: id,
      });
      continue;
    }
    if (action.postmortem) {
      const { state, actionItems } = action.postmortem;
      if (!isAllowedPostmortemTransition(postmortem.state, state)) {
        throw new Error(`seed plan ${plan.id}: postmortem ${state}`);
      }
      if (postmortem.state === 'draft' || actionItems) {
        postmortem = writtenPostmortem(postmortem, incident, actionItems, now);
      }
      postmortem = {
        ...postmortem,
        state,
        updatedAt: now,
        ...(state === 'published' ? { publishedAt: now } : {}),
        version: postmortem.version + 1,
      };
      // What the store's mutatePostmortem does to the incident.
      incident = { ...incident, postmortemState: state, updatedAt: now };
      if (state === 'published') {
        events.push({
          type: 'postmortem_published',
          at: now,
          actor,
          postmortemId: postmortem.id,
        });
      }
      continue;
    }
    const result = action.takeCommand
      ? takeCommand(incident, incident.version, actor, now)
      : applyIncidentUpdate(
          incident,
          { ...action.update, expectedVersion: incident.version },
          actor,
          now,
        );
    if (!result.ok) {
      throw new Error(`seed plan ${plan.id}: ${result.error.message}`);
    }
    incident = result.incident;
    events.push(...result.events);
  }
  return {
    stored: { incident, ownerRefs: plan.ownerRefs },
    events,
    ...(postmortem ? { postmortem, postmortemBy } : {}),
  };
}

module.exports = { carryOut };
