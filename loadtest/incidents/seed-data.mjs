// Rows for part 2: incidents with their entity and owner rows, spread over
// 365 days, consistent with their status and age. Pure: the rows follow from
// the rng. These are the plugin's table rows written by hand (see
// seed-database.mjs), not incidents created through its store or API.
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
/** The `q` query of part 2: one title word in ten. */
export const LIST_WORD = 'latency';
export const LIST_ENTITY = 'component:default/scoring-api';

/** One incident row with its entity and owner rows, consistent with its status and age. */
export function seedIncident(rng, now) {
  const age = Math.floor(rng() * 365 * DAY);
  const declared = now - age;
  const severity = weighted(rng, [
    ['SEV1', 5],
    ['SEV2', 20],
    ['SEV3', 45],
    ['SEV4', 30],
  ]);
  let status;
  if (age < 2 * DAY) {
    status = weighted(rng, [
      ['investigating', 3],
      ['identified', 2],
      ['monitoring', 2],
      ['resolved', 3],
    ]);
  } else if (age < 14 * DAY) {
    status = weighted(rng, [
      ['investigating', 1],
      ['monitoring', 1],
      ['resolved', 9],
      ['closed', 9],
    ]);
  } else {
    status = weighted(rng, [
      ['investigating', 1],
      ['identified', 1],
      ['resolved', 5],
      ['closed', 93],
    ]);
  }
  const acknowledged =
    status === 'investigating' && rng() < 0.5
      ? null
      : declared + Math.floor(rng() * 15 * MINUTE) + 1000;
  let mitigated = null;
  let resolved = null;
  let closed = null;
  if (['monitoring', 'resolved', 'closed'].includes(status)) {
    mitigated =
      (acknowledged ?? declared) + Math.floor(rng() * 240 * MINUTE) + MINUTE;
  }
  if (status === 'resolved' || status === 'closed') {
    resolved = mitigated + Math.floor(rng() * 120 * MINUTE);
  }
  if (status === 'closed') {
    closed = resolved + DAY + Math.floor(rng() * 9 * DAY);
    if (closed > now - MINUTE) {
      closed = null;
      status = 'resolved';
    }
  }
  for (const t of [mitigated, resolved]) {
    if (t !== null && t > now - MINUTE) {
      // Too recent to have happened: still open.
      status = 'monitoring';
      resolved = null;
      if (mitigated > now - MINUTE) mitigated = null;
      break;
    }
  }
  const refs = [pick(rng, SEED_ENTITIES)];
  if (rng() < 0.15) {
    const second = pick(rng, SEED_ENTITIES);
    if (second !== refs[0]) refs.push(second);
  }
  const entityRefs = refs.map(([ref]) => ref);
  const ownerRefs = [...new Set(refs.map(([, owner]) => owner))];
  const service = entityRefs[0].split('/')[1];
  const commander = acknowledged !== null ? pick(rng, SEED_USERS) : null;
  const fromAlert = rng() < 0.4;
  const id = uuidFrom(rng);
  const updated = Math.max(
    declared,
    acknowledged ?? 0,
    mitigated ?? 0,
    resolved ?? 0,
    closed ?? 0,
  );
  const postmortemState =
    status === 'closed'
      ? 'published'
      : status === 'resolved'
      ? pick(rng, [null, 'draft', 'in_review'])
      : null;
  return {
    incident: {
      id,
      title: `${pick(rng, TITLE_A)} ${pick(rng, TITLE_B)} on ${service}`,
      summary:
        rng() < 0.7
          ? `Customers saw failures on ${service}; see the dashboard for details.`
          : null,
      severity,
      status,
      entity_refs: JSON.stringify(entityRefs),
      owner_refs: JSON.stringify(ownerRefs),
      roles: JSON.stringify(commander ? { commander } : {}),
      role_history: JSON.stringify(
        commander
          ? [
              {
                role: 'commander',
                assignee: commander,
                assignedAt: new Date(acknowledged).toISOString(),
                assignedBy: commander,
              },
            ]
          : [],
      ),
      commander,
      detected_at: declared - Math.floor(rng() * 20 * MINUTE),
      declared_at: declared,
      acknowledged_at: acknowledged,
      mitigated_at: mitigated,
      resolved_at: resolved,
      closed_at: closed,
      postmortem_state: postmortemState,
      alert_group_key: fromAlert
        ? `{}/{service=~".+"}:{alertname="Seeded${Math.floor(rng() * 500)}"}`
        : null,
      created_by: fromAlert ? 'alertmanager' : pick(rng, SEED_USERS),
      updated_at: updated,
      version:
        1 +
        [acknowledged, mitigated, resolved, closed].filter(t => t !== null)
          .length,
    },
    entities: entityRefs.map(entity_ref => ({
      incident_id: id,
      entity_ref,
      declared_at: declared,
    })),
    owners: ownerRefs.map(owner_ref => ({
      incident_id: id,
      owner_ref,
      declared_at: declared,
    })),
  };
}
