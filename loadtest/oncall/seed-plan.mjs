// The plan of the seeded on-call data, deterministic from --seed: schedules
// (owned by groups, layers of every rotation unit, restrictions, zones with
// and without DST), a second version on some (an edit, so history is read),
// overrides spread over a year either side of now, and a few temporary
// schedules. Pure: the seeding child (seed-schedules.cjs) stores it.
import { pick, shuffle, uuidFrom, weighted } from '../lib/random.mjs';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
const QUARTER_HOUR = 15 * 60_000;

/** Users per group; a layer's participants are drawn from its owner's. */
export const MEMBERS_PER_GROUP = 12;

export const groupRef = g => `group:default/oncall-bench-${g}`;
export const userRef = (g, u) => `user:default/oncall-bench-${g}-${u}`;

// DST zones (both hemispheres, Lord Howe's 30 minutes) and zones without.
const ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'Europe/Berlin',
  'Europe/London',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'UTC',
];

const ROTATIONS = [
  [{ unit: 'hour', length: 4 }, 1],
  [{ unit: 'hour', length: 8 }, 1],
  [{ unit: 'hour', length: 12 }, 1],
  [{ unit: 'day', length: 1 }, 3],
  [{ unit: 'day', length: 2 }, 1],
  [{ unit: 'week', length: 1 }, 3],
  [{ unit: 'week', length: 2 }, 1],
  [{ unit: 'month', length: 1 }, 1],
];

// Handoff times; 02:30 falls in a spring-forward gap in some zones.
const HANDOFF_TIMES = ['09:00', '08:00', '00:00', '17:00', '02:30'];

const RESTRICTIONS = [
  [[], 5],
  [[{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }], 3],
  [[{ days: [1, 2, 3, 4, 5, 6, 7], start: '22:00', end: '06:00' }], 1],
  [[{ days: [6, 7], start: '00:00', end: '24:00' }], 1],
];

const pad = n => String(n).padStart(2, '0');

/**
 * The local date-time (`yyyy-MM-ddTHH:mm`) of `ms`'s UTC date at `time`;
 * with `day`, that day of the month instead (at most the month's last).
 */
function localStart(ms, time, day) {
  const date = new Date(ms);
  const [year, month] = [date.getUTCFullYear(), date.getUTCMonth()];
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${pad(month + 1)}-${pad(
    day ? Math.min(day, lastDay) : date.getUTCDate(),
  )}T${time}`;
}

const between = (rng, min, max) => min + Math.floor(rng() * (max - min + 1));
const roundToQuarter = ms => Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR;

function planLayer(rng, g, index, now) {
  const rotation = weighted(rng, ROTATIONS);
  // Mostly started in the past year; one in 20 starts within the next month
  // (nobody on call from it before then).
  const startMs =
    rng() < 0.05
      ? now + between(rng, 1, 30) * DAY
      : now - between(rng, 1, 365) * DAY;
  // Monthly rotations from the 29th to 31st clamp to short months' ends.
  const day = rotation.unit === 'month' ? between(rng, 28, 31) : undefined;
  const members = shuffle(
    rng,
    Array.from({ length: MEMBERS_PER_GROUP }, (_, u) => userRef(g, u)),
  );
  return {
    id: uuidFrom(rng),
    name: `Layer ${index + 1} (${rotation.length} ${rotation.unit})`,
    rotation,
    start: localStart(startMs, pick(rng, HANDOFF_TIMES), day),
    participants: members.slice(0, between(rng, 2, 8)),
    restrictions: weighted(rng, RESTRICTIONS),
  };
}

/** An edit: one layer's participants in reverse, another's shift length changed. */
function editedLayers(rng, layers) {
  const edited = layers.map(layer => ({ ...layer }));
  const a = Math.floor(rng() * edited.length);
  edited[a].participants = [...edited[a].participants].reverse();
  const b = Math.floor(rng() * edited.length);
  edited[b].rotation = {
    ...edited[b].rotation,
    length: edited[b].rotation.length + 1,
  };
  return edited;
}

/**
 * Schedule `index` of group `index mod groups`: created 400 days ago, with
 * `layerCount` layers; three in ten edited once since (a second version
 * effective from 1 to 90 days ago).
 */
export function planSchedule(rng, { index, groups, layerCount, now }) {
  const g = index % groups;
  const timeZone = pick(rng, ZONES);
  const layers = Array.from({ length: layerCount }, (_, l) =>
    planLayer(rng, g, l, now),
  );
  const createdAt = now - 400 * DAY;
  const versions = [{ effectiveFrom: createdAt, layers }];
  if (rng() < 0.3) {
    versions.push({
      effectiveFrom: roundToQuarter(now - between(rng, 1, 90 * 24) * HOUR),
      layers: editedLayers(rng, layers),
    });
  }
  return {
    ownerRef: groupRef(g),
    name: `Bench schedule ${index}`,
    description: `Benchmark schedule ${index} of ${groupRef(g)}`,
    timeZone,
    createdBy: userRef(g, 0),
    group: g,
    versions,
  };
}

const DURATIONS = [
  [() => [1, 8], 5],
  [() => [8, 48], 4],
  [() => [48, 168], 1],
];

/**
 * One override of `schedule` (its group's members): start anywhere within a
 * year either side of `now`, 1 hour to 7 days long; replace (with or without
 * the person replaced), add or remove. Created up to two weeks before it
 * starts, and never after now.
 */
export function planOverride(rng, schedule, now) {
  const start = roundToQuarter(now + (rng() * 2 - 1) * 365 * DAY);
  const [min, max] = weighted(rng, DURATIONS)();
  const end = start + between(rng, min, max) * HOUR;
  const participants = schedule.versions
    .at(-1)
    .layers.flatMap(l => l.participants);
  const member = () => userRef(schedule.group, between(rng, 0, 11));
  const action = weighted(rng, [
    ['replace', 2],
    ['add', 1],
    ['remove', 1],
  ]);
  const override = {
    id: uuidFrom(rng),
    start,
    end,
    action,
    userRef: action === 'remove' ? pick(rng, participants) : member(),
    createdBy: userRef(schedule.group, 0),
    createdAt: Math.min(now, start - between(rng, 0, 14 * 24) * HOUR),
  };
  if (action === 'replace' && rng() < 0.5) {
    override.replacesRef = pick(rng, participants);
  }
  if (rng() < 0.2) override.note = 'swap for leave';
  return override;
}

/**
 * A temporary schedule for one schedule in ten: 2 to 7 days starting from a
 * month ago to two months ahead, 12-hour fixed shifts alternating between
 * two members, one shift in eight left uncovered (a gap).
 */
export function planTemporarySchedule(rng, schedule, now) {
  const start = roundToQuarter(now + between(rng, -30, 60) * DAY);
  const end = start + between(rng, 2, 7) * DAY;
  const people = [0, 1].map(() => userRef(schedule.group, between(rng, 0, 11)));
  const shifts = [];
  for (let at = start, i = 0; at < end; at += 12 * HOUR, i++) {
    if (rng() >= 1 / 8) {
      shifts.push({
        start: at,
        end: Math.min(end, at + 12 * HOUR),
        userRef: people[i % 2],
      });
    }
  }
  return {
    start,
    end,
    shifts,
    note: 'holiday cover',
    createdBy: userRef(schedule.group, 0),
    createdAt: Math.min(now, start - DAY),
  };
}
