// What part 2 seeds: one plan per incident (its declaration, then what
// people do to it, in time order), spread over 365 days, every severity and
// status, 12 entities with their owners. Pure: the plans follow from the
// rng. seed-incidents.cjs carries them out with the plugin's own domain
// functions and store, so no row is written here.
import { pick, uuidFrom, weighted } from '../lib/random.mjs';
import { DAY, MINUTE } from './options.mjs';

const SEED_ENTITIES = [
  ['component:default/scoring-api', 'group:default/payments'],
  ['component:default/vigil', 'group:default/sre'],
  ['api:default/scoring-api', 'group:default/payments'],
  ['resource:default/scoring-feature-store', 'group:default/payments'],
  ['system:default/risk-scoring', 'group:default/payments'],
  ['component:default/checkout', 'group:default/team-checkout'],
  ['component:default/payments-gateway', 'group:default/payments'],
  ['component:default/ledger', 'group:default/team-ledger'],
  ['component:default/search', 'group:default/team-search'],
  ['component:default/identity', 'group:default/team-identity'],
  ['component:default/inventory', 'group:default/team-inventory'],
  ['component:default/notifications', 'group:default/sre'],
];
const SEED_USERS = ['alice', 'bob', 'carol', 'dmitri', 'erin'].map(
  u => `user:default/${u}`,
);
const TITLE_A = [
  'Elevated',
  'High',
  'Spike in',
  'Degraded',
  'Intermittent',
  'Sustained',
];
const TITLE_B = [
  '5xx errors',
  'latency',
  'error budget burn',
  'timeouts',
  'queue backlog',
  'CPU saturation',
  'memory pressure',
  'disk usage',
  'replication lag',
  'cache misses',
];
const NOTES = [
  'Rolled back the last deploy.',
  'Scaled the deployment out by two replicas.',
  'Upstream provider confirms an issue on their side.',
  'Error rate back under the SLO threshold.',
  'Paging the owning team for a second pair of eyes.',
];
const ACTION_ITEMS = [
  'Alert on the saturation signal before it pages',
  'Add a runbook step for this failure',
  'Load test the new release path',
  'Raise the connection pool limit',
  'Add a canary stage to the rollout',
];
const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];

/** The `q` query of part 2: one title word in ten. */
export const LIST_WORD = 'latency';
/** A `q` query of part 2 that no title matches (a search for what is not there). */
export const LIST_ABSENT_WORD = 'kafka';
export const LIST_ENTITY = 'component:default/scoring-api';

/** The status an incident ends in, by age: old ones are mostly closed. */
function finalStatus(rng, age) {
  if (age < 2 * DAY) {
    return weighted(rng, [
      ['investigating', 3],
      ['identified', 2],
      ['monitoring', 2],
      ['resolved', 3],
    ]);
  }
  if (age < 14 * DAY) {
    return weighted(rng, [
      ['investigating', 1],
      ['monitoring', 1],
      ['resolved', 9],
      ['closed', 9],
    ]);
  }
  return weighted(rng, [
    ['investigating', 1],
    ['identified', 1],
    ['resolved', 5],
    ['closed', 93],
  ]);
}

/** A postmortem's action items: ids, owners, priorities and due dates. */
function actionItems(rng, ownerRefs, publishedAt) {
  const count = 1 + Math.floor(rng() * 3);
  return Array.from({ length: count }, () => ({
    id: uuidFrom(rng),
    title: pick(rng, ACTION_ITEMS),
    owner: rng() < 0.5 ? pick(rng, SEED_USERS) : pick(rng, ownerRefs),
    dueDate: new Date(publishedAt + Math.floor((7 + rng() * 60) * DAY))
      .toISOString()
      .slice(0, 10),
    priority: weighted(rng, [
      ['P0', 1],
      ['P1', 3],
      ['P2', 4],
      ['P3', 2],
    ]),
    status: weighted(rng, [
      ['open', 4],
      ['in_progress', 2],
      ['done', 3],
      ['wont_do', 1],
    ]),
  }));
}

/**
 * The postmortem actions of a resolved (or closed at `closed`) incident:
 * created, maybe reviewed, published before the close.
 */
function postmortemActions(rng, plan, author, resolved, closed) {
  const id = uuidFrom(rng);
  const actions = [];
  let created;
  let published;
  if (closed !== undefined) {
    created = resolved + Math.floor((closed - resolved) * rng() * 0.3);
    published = created + Math.floor((closed - created) * (0.2 + rng() * 0.7));
  } else {
    const state = pick(rng, [null, 'draft', 'in_review']);
    if (state === null) return actions;
    created = resolved + Math.floor(rng() * 2 * DAY);
    if (state === 'in_review') {
      actions.push({
        at: created + Math.floor(rng() * 2 * DAY) + MINUTE,
        actor: author,
        postmortem: { state: 'in_review' },
      });
    }
  }
  actions.push({ at: created, actor: author, postmortem: { id } });
  if (published !== undefined) {
    if (rng() < 0.6) {
      actions.push({
        at: created + Math.floor((published - created) * (0.1 + rng() * 0.8)),
        actor: author,
        postmortem: { state: 'in_review' },
      });
    }
    actions.push({
      at: published,
      actor: pick(rng, SEED_USERS),
      postmortem: {
        state: 'published',
        actionItems: actionItems(rng, plan.ownerRefs, published),
      },
    });
  }
  return actions;
}

/**
 * One incident's plan: `request` (what the portal's declare form sends,
 * `detectedAt` in ms), who declares it when, the owners the catalog would
 * resolve, and `actions` in time order, each `{ at, actor }` with one of
 * `takeCommand`, `update` (incident changes), `note` (text) or `postmortem`
 * (`{ id }` to create it, `{ state }` to move it). Actions that would lie in
 * the last minute or the future have not happened and are left out, so the
 * status is the last one reached.
 */
export function planIncident(rng, now) {
  const age = Math.floor(rng() * 365 * DAY);
  const declaredAt = now - age;
  const severity = weighted(rng, [
    ['SEV1', 5],
    ['SEV2', 20],
    ['SEV3', 45],
    ['SEV4', 30],
  ]);
  const status = finalStatus(rng, age);
  const refs = [pick(rng, SEED_ENTITIES)];
  if (rng() < 0.15) {
    const second = pick(rng, SEED_ENTITIES);
    if (second !== refs[0]) refs.push(second);
  }
  const entityRefs = refs.map(([ref]) => ref);
  const service = entityRefs[0].split('/')[1];
  const declaredBy = pick(rng, SEED_USERS);
  // Some are declared at a neighbouring severity and changed later.
  const declaredSeverity =
    rng() < 0.15
      ? SEVERITIES[
          Math.min(
            3,
            Math.max(0, SEVERITIES.indexOf(severity) + pick(rng, [-1, 1])),
          )
        ]
      : severity;
  const commanderAtDeclaration = rng() < 0.6;
  const commander = rng() < 0.7 ? declaredBy : pick(rng, SEED_USERS);
  const plan = {
    id: uuidFrom(rng),
    declaredAt,
    declaredBy,
    ownerRefs: [...new Set(refs.map(([, owner]) => owner))],
    request: {
      title: `${pick(rng, TITLE_A)} ${pick(rng, TITLE_B)} on ${service}`,
      ...(rng() < 0.7
        ? {
            summary: `Customers saw failures on ${service}; see the dashboard for details.`,
          }
        : {}),
      severity: declaredSeverity,
      entityRefs,
      detectedAt: declaredAt - Math.floor(rng() * 20 * MINUTE),
      ...(commanderAtDeclaration ? { commander } : {}),
    },
    actions: [],
  };
  const actions = plan.actions;
  const engaged = declaredAt + Math.floor(rng() * 15 * MINUTE) + 1000;
  let lead = commanderAtDeclaration ? commander : declaredBy;
  if (declaredSeverity !== severity) {
    actions.push({
      at: declaredAt + Math.floor(rng() * (engaged - declaredAt)),
      actor: lead,
      update: { severity },
    });
  }
  // Without a commander at first, someone takes command (the first reaction).
  if (!commanderAtDeclaration && (status !== 'investigating' || rng() < 0.5)) {
    actions.push({ at: engaged, actor: commander, takeCommand: true });
    lead = commander;
  }
  const move = (at, to) =>
    actions.push({ at, actor: lead, update: { status: to } });
  let last = engaged;
  if (status !== 'investigating' && (status === 'identified' || rng() < 0.7)) {
    last = engaged + Math.floor(rng() * 60 * MINUTE) + 1000;
    move(last, 'identified');
  }
  let resolved;
  if (status !== 'investigating' && status !== 'identified') {
    const mitigated = last + Math.floor(rng() * 240 * MINUTE) + MINUTE;
    // Resolving straight away also marks it mitigated.
    if (status === 'monitoring' || rng() < 0.8) move(mitigated, 'monitoring');
    if (status === 'resolved' || status === 'closed') {
      resolved = mitigated + Math.floor(rng() * 120 * MINUTE) + 1000;
      move(resolved, 'resolved');
    }
  }
  const notes = Math.floor(rng() * 3);
  const noteWindow = (resolved ?? declaredAt + 4 * 60 * MINUTE) - declaredAt;
  for (let i = 0; i < notes; i++) {
    actions.push({
      at: declaredAt + Math.floor(rng() * noteWindow),
      actor: pick(rng, SEED_USERS),
      note: pick(rng, NOTES),
    });
  }
  if (resolved !== undefined) {
    const closed =
      status === 'closed'
        ? resolved + DAY + Math.floor(rng() * 9 * DAY)
        : undefined;
    actions.push(...postmortemActions(rng, plan, lead, resolved, closed));
    if (closed !== undefined) move(closed, 'closed');
  }
  plan.actions = actions
    .filter(action => action.at <= now - MINUTE)
    .sort((a, b) => a.at - b.at);
  return plan;
}
