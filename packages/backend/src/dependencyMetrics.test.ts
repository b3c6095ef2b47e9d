import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import type { DependencyState } from '@vigil/backend-kit';
import { registerDependencyMetrics } from './dependencyMetrics';

const state = (
  name: string,
  status: DependencyState['status'],
  critical = false,
): DependencyState => ({
  name,
  displayName: name,
  status,
  breaker: status === 'down' ? 'open' : 'closed',
  consecutiveFailures: status === 'down' ? 3 : 0,
  critical,
});

describe('vigil_dependency_up', () => {
  it('observes 1 for up and 0 for down, with criticality, and skips unknown', () => {
    let callback: (result: {
      observe: (value: number, attributes: object) => void;
    }) => void = () => {};
    const metrics = {
      createObservableGauge: (name: string) => {
        expect(name).toBe('vigil_dependency_up');
        return { addCallback: (cb: typeof callback) => (callback = cb) };
      },
    } as unknown as MetricsService;
    let states = [
      state('database', 'up', true),
      state('prometheus', 'down'),
      state('plugin:oncall', 'unknown'),
    ];
    registerDependencyMetrics(metrics, { states: () => states });

    const scrape = () => {
      const observed: Array<[number, object]> = [];
      callback({
        observe: (value, attributes) => observed.push([value, attributes]),
      });
      return observed;
    };
    expect(scrape()).toEqual([
      [1, { dependency: 'database', critical: 'true' }],
      [0, { dependency: 'prometheus', critical: 'false' }],
    ]);
    // Read at every scrape, not once.
    states = [state('database', 'down', true)];
    expect(scrape()).toEqual([
      [0, { dependency: 'database', critical: 'true' }],
    ]);
  });
});
