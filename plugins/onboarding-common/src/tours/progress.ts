import { z } from 'zod';
import { TOUR_ROLES, TourRole } from './roles';

/**
 * Where a user is in one tour: never started, at a step (0-based), skipped
 * at a step (resumable there), or completed.
 * @public
 */
export type TourProgress =
  | { status: 'not-started' }
  | { status: 'in-progress'; step: number }
  | { status: 'skipped'; step: number }
  | { status: 'completed' };

/**
 * What happens to a tour:
 * - `visit`: the user opens the portal; a tour never seen starts, one
 *   interrupted (a reload mid-tour) continues, a skipped or completed one
 *   stays put;
 * - `resume`: from the help menu, continue at the stored step (a completed
 *   tour starts over);
 * - `restart`: from the first step (`?tour=<role>`, "Restart");
 * - `next`, `back`: move one step; `next` on the last step completes;
 * - `skip`: stop and remember the step; `complete`: done.
 * @public
 */
export type TourEvent =
  | { type: 'visit' }
  | { type: 'resume' }
  | { type: 'restart' }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'skip' }
  | { type: 'complete' };

/** A tour nobody has seen. @public */
export const NOT_STARTED: TourProgress = { status: 'not-started' };

const clampStep = (step: number, stepCount: number) =>
  Math.max(0, Math.min(Math.floor(step), Math.max(stepCount - 1, 0)));

/**
 * The tour-progress state machine: the progress after an event, for a tour
 * of `stepCount` steps (stored steps beyond a shortened tour are clamped).
 * @public
 */
export function reduceTourProgress(
  progress: TourProgress,
  event: TourEvent,
  stepCount: number,
): TourProgress {
  const at = (step: number): TourProgress => ({
    status: 'in-progress',
    step: clampStep(step, stepCount),
  });
  switch (event.type) {
    case 'visit':
      if (progress.status === 'not-started') return at(0);
      if (progress.status === 'in-progress') return at(progress.step);
      return progress;
    case 'resume':
      if (progress.status === 'in-progress' || progress.status === 'skipped') {
        return at(progress.step);
      }
      return at(0);
    case 'restart':
      return at(0);
    case 'next':
      if (progress.status !== 'in-progress') return progress;
      return progress.step + 1 >= stepCount
        ? { status: 'completed' }
        : at(progress.step + 1);
    case 'back':
      if (progress.status !== 'in-progress') return progress;
      return at(progress.step - 1);
    case 'skip':
      if (progress.status === 'in-progress') {
        return { status: 'skipped', step: clampStep(progress.step, stepCount) };
      }
      if (progress.status === 'not-started')
        return { status: 'skipped', step: 0 };
      return progress;
    case 'complete':
      return { status: 'completed' };
    default:
      return progress;
  }
}

/** The step a tour shows, when it runs. @public */
export function runningStep(progress: TourProgress): number | undefined {
  return progress.status === 'in-progress' ? progress.step : undefined;
}

/** How the help menu describes a tour's progress. @public */
export function describeTourProgress(
  progress: TourProgress,
  stepCount: number,
): string {
  switch (progress.status) {
    case 'in-progress':
      return `Step ${clampStep(progress.step, stepCount) + 1} of ${stepCount}`;
    case 'skipped':
      return `Skipped at step ${
        clampStep(progress.step, stepCount) + 1
      } of ${stepCount}`;
    case 'completed':
      return 'Completed';
    default:
      return `Not started (${stepCount} steps)`;
  }
}

/**
 * What is remembered per user (Backstage user settings): each tour's
 * progress and the tour that was running, so a reload continues it.
 * @public
 */
export interface StoredTours {
  tours: Partial<Record<TourRole, TourProgress>>;
  active?: TourRole;
}

/** Nothing remembered yet. @public */
export const NO_STORED_TOURS: StoredTours = { tours: {} };

const stepSchema = z.number().int().min(0).max(1000);
const progressSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('not-started') }),
  z.object({ status: z.literal('in-progress'), step: stepSchema }),
  z.object({ status: z.literal('skipped'), step: stepSchema }),
  z.object({ status: z.literal('completed') }),
]);
const roleSchema = z.enum(TOUR_ROLES);

/**
 * Stored tours read back from user settings: anything unreadable (another
 * version, hand-edited) is dropped entry by entry, never thrown.
 * @public
 */
export function parseStoredTours(value: unknown): StoredTours {
  if (typeof value !== 'object' || value === null) return NO_STORED_TOURS;
  const record = value as { tours?: unknown; active?: unknown };
  const tours: StoredTours['tours'] = {};
  if (typeof record.tours === 'object' && record.tours !== null) {
    for (const [role, progress] of Object.entries(record.tours)) {
      const parsedRole = roleSchema.safeParse(role);
      const parsed = progressSchema.safeParse(progress);
      if (parsedRole.success && parsed.success) {
        tours[parsedRole.data] = parsed.data;
      }
    }
  }
  const active = roleSchema.safeParse(record.active);
  return active.success ? { tours, active: active.data } : { tours };
}

/** A role's progress in the stored tours. @public */
export function progressOf(stored: StoredTours, role: TourRole): TourProgress {
  return stored.tours[role] ?? NOT_STARTED;
}

/**
 * Stored tours after an event on one tour: the tour is `active` while it
 * runs and no longer once skipped or completed.
 * @public
 */
export function applyTourEvent(
  stored: StoredTours,
  role: TourRole,
  event: TourEvent,
  stepCount: number,
): StoredTours {
  const next = reduceTourProgress(progressOf(stored, role), event, stepCount);
  const tours = { ...stored.tours, [role]: next };
  if (next.status === 'in-progress') return { tours, active: role };
  if (stored.active && stored.active !== role)
    return { tours, active: stored.active };
  return { tours };
}

/**
 * What runs when a user opens the portal: a tour left running (a reload)
 * continues; otherwise the user's role's tour is visited (starts the first
 * time, stays put once skipped or completed).
 * @public
 */
export function onPortalVisit(
  stored: StoredTours,
  userRole: TourRole,
  stepCountOf: (role: TourRole) => number,
): { stored: StoredTours; running?: { role: TourRole; step: number } } {
  const { active } = stored;
  const role =
    active && progressOf(stored, active).status === 'in-progress'
      ? active
      : userRole;
  const next = applyTourEvent(
    stored,
    role,
    { type: 'visit' },
    stepCountOf(role),
  );
  const step = runningStep(progressOf(next, role));
  return step === undefined
    ? { stored: next }
    : { stored: next, running: { role, step } };
}
