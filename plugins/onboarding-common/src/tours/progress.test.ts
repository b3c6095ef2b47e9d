import {
  applyTourEvent,
  describeTourProgress,
  onPortalVisit,
  parseStoredTours,
  reduceTourProgress,
  StoredTours,
  TourEvent,
  TourProgress,
} from './progress';
import type { TourRole } from './roles';

const notStarted: TourProgress = { status: 'not-started' };
const at = (step: number): TourProgress => ({ status: 'in-progress', step });
const skipped = (step: number): TourProgress => ({ status: 'skipped', step });
const completed: TourProgress = { status: 'completed' };
const ev = (type: TourEvent['type']) => ({ type } as TourEvent);

describe('reduceTourProgress (a 5-step tour)', () => {
  it.each<[string, TourProgress, TourEvent['type'], TourProgress]>([
    // first visit starts; later visits leave skipped/completed tours alone
    ['first visit starts', notStarted, 'visit', at(0)],
    ['a reload mid-tour continues', at(3), 'visit', at(3)],
    ['a visit after skip does not start', skipped(2), 'visit', skipped(2)],
    ['a visit after completion does not start', completed, 'visit', completed],
    // resume from the help menu
    [
      'resume of a skipped tour continues at its step',
      skipped(2),
      'resume',
      at(2),
    ],
    ['resume of a running tour stays', at(1), 'resume', at(1)],
    ['resume of a new tour starts', notStarted, 'resume', at(0)],
    ['resume of a completed tour starts over', completed, 'resume', at(0)],
    // restart (?tour=<role>)
    ['restart from a step', at(3), 'restart', at(0)],
    ['restart after skip', skipped(4), 'restart', at(0)],
    ['restart after completion', completed, 'restart', at(0)],
    // moving
    ['next', at(0), 'next', at(1)],
    ['next on the last step completes', at(4), 'next', completed],
    ['back', at(2), 'back', at(1)],
    ['back on the first step stays', at(0), 'back', at(0)],
    ['next when not running is ignored', skipped(1), 'next', skipped(1)],
    ['back when not running is ignored', completed, 'back', completed],
    // skip and complete
    ['skip remembers the step', at(3), 'skip', skipped(3)],
    ['skip before starting', notStarted, 'skip', skipped(0)],
    ['skip after completion keeps it completed', completed, 'skip', completed],
    ['skip twice keeps the step', skipped(2), 'skip', skipped(2)],
    ['complete', at(2), 'complete', completed],
    // a tour shortened since its progress was stored
    [
      'a stored step beyond the tour is clamped on resume',
      skipped(9),
      'resume',
      at(4),
    ],
    [
      'a stored step beyond the tour is clamped on visit',
      at(7),
      'visit',
      at(4),
    ],
  ])('%s', (_name, progress, type, expected) => {
    expect(reduceTourProgress(progress, ev(type), 5)).toEqual(expected);
  });
});

describe('describeTourProgress', () => {
  it.each<[TourProgress, string]>([
    [notStarted, 'Not started (6 steps)'],
    [at(0), 'Step 1 of 6'],
    [skipped(2), 'Skipped at step 3 of 6'],
    [completed, 'Completed'],
  ])('%j', (progress, text) => {
    expect(describeTourProgress(progress, 6)).toBe(text);
  });
});

describe('parseStoredTours', () => {
  it.each<[string, unknown, StoredTours]>([
    ['nothing stored', undefined, { tours: {} }],
    ['not an object', 'sre', { tours: {} }],
    [
      'valid progress and active tour',
      { tours: { sre: { status: 'in-progress', step: 2 } }, active: 'sre' },
      { tours: { sre: at(2) }, active: 'sre' },
    ],
    [
      'unknown roles and bad entries are dropped one by one',
      {
        tours: {
          sre: { status: 'skipped', step: 1 },
          wizard: { status: 'completed' },
          admin: { status: 'in-progress', step: -1 },
          engineer: { status: 'done' },
        },
        active: 'wizard',
      },
      { tours: { sre: skipped(1) } },
    ],
  ])('%s', (_name, value, expected) => {
    expect(parseStoredTours(value)).toEqual(expected);
  });
});

describe('applyTourEvent', () => {
  it.each<[string, StoredTours, TourRole, TourEvent['type'], StoredTours]>([
    [
      'a started tour becomes active',
      { tours: {} },
      'sre',
      'restart',
      { tours: { sre: at(0) }, active: 'sre' },
    ],
    [
      'a skipped tour is no longer active',
      { tours: { sre: at(2) }, active: 'sre' },
      'sre',
      'skip',
      { tours: { sre: skipped(2) } },
    ],
    [
      'completing the last step clears active',
      { tours: { admin: at(4) }, active: 'admin' },
      'admin',
      'next',
      { tours: { admin: completed } },
    ],
    [
      'skipping another tour keeps the active one',
      { tours: { sre: at(1) }, active: 'sre' },
      'engineer',
      'skip',
      { tours: { sre: at(1), engineer: skipped(0) }, active: 'sre' },
    ],
  ])('%s', (_name, stored, role, type, expected) => {
    expect(applyTourEvent(stored, role, ev(type), 5)).toEqual(expected);
  });
});

describe('onPortalVisit', () => {
  const five = () => 5;
  it.each<
    [string, StoredTours, TourRole, ReturnType<typeof onPortalVisit>['running']]
  >([
    [
      'first sign-in starts the role tour',
      { tours: {} },
      'sre',
      { role: 'sre', step: 0 },
    ],
    ['not again after skip', { tours: { sre: skipped(1) } }, 'sre', undefined],
    [
      'not again after completion',
      { tours: { sre: completed } },
      'sre',
      undefined,
    ],
    [
      'a tour left running continues, whatever the role',
      { tours: { admin: at(3), engineer: completed }, active: 'admin' },
      'engineer',
      { role: 'admin', step: 3 },
    ],
    [
      'a stale active marker falls back to the role tour',
      { tours: { admin: completed }, active: 'admin' },
      'engineer',
      { role: 'engineer', step: 0 },
    ],
  ])('%s', (_name, stored, role, running) => {
    expect(onPortalVisit(stored, role, five).running).toEqual(running);
  });

  it('stores the started tour as running', () => {
    expect(onPortalVisit({ tours: {} }, 'engineer', five).stored).toEqual({
      tours: { engineer: at(0) },
      active: 'engineer',
    });
  });
});
