import { TOURS, tourTarget } from './definitions';
import { TOUR_ROLES } from './roles';

describe('TOURS', () => {
  it.each(TOUR_ROLES.map(role => [role]))(
    'the %s tour is short and points at data-tour targets',
    role => {
      const tour = TOURS[role];
      expect(tour.role).toBe(role);
      expect(tour.steps.length).toBeGreaterThanOrEqual(4);
      expect(tour.steps.length).toBeLessThanOrEqual(7);
      const ids = tour.steps.map(s => s.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const s of tour.steps) {
        expect(s.target).toBe(tourTarget(s.id));
        expect(s.route).toMatch(/^\//);
        expect(s.title.length).toBeGreaterThan(0);
        expect(s.body.length).toBeLessThanOrEqual(200);
      }
      // Every tour ends on the help menu, where it can be resumed.
      expect(ids[ids.length - 1]).toBe('help-menu');
    },
  );

  it('builds attribute selectors', () => {
    expect(tourTarget('slo-filters')).toBe('[data-tour="slo-filters"]');
  });
});
