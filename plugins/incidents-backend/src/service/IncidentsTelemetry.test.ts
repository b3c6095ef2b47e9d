import { mockServices } from '@backstage/backend-test-utils';
import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import { migratedStore, storedIncident } from '../__testUtils__/store';
import { IncidentsTelemetry } from './IncidentsTelemetry';

const databases = testDatabases();

type Observation = { value: number; attributes: Record<string, unknown> };

/** Metrics whose observable gauges can be read, as a scrape would. */
function scrapableMetrics() {
  const callbacks = new Map<string, (result: unknown) => void>();
  const instrument = (name: string) => ({
    add: () => {},
    record: () => {},
    addCallback: (callback: (result: unknown) => void) =>
      callbacks.set(name, callback),
  });
  const metrics = {
    createCounter: instrument,
    createHistogram: instrument,
    createObservableGauge: instrument,
  } as unknown as MetricsService;
  const scrape = (name: string): Observation[] => {
    const observed: Observation[] = [];
    callbacks.get(name)?.({
      observe: (value: number, attributes: Record<string, unknown> = {}) =>
        observed.push({ value, attributes }),
    });
    return observed;
  };
  return { metrics, scrape };
}

describe.each(databases.eachSupportedId())(
  'IncidentsTelemetry on %s',
  databaseId => {
    it('leaves the sandbox out of the vigil_incidents_* gauges', async () => {
      const { store } = await migratedStore(databases, databaseId);
      const now = Date.parse('2026-11-02T10:00:00Z');
      for (const [id, entityRefs] of [
        ['sandbox-1', ['component:sandbox/checkout']],
        ['sandbox-2', ['component:sandbox/checkout']],
        ['real-1', ['component:default/scoring-api']],
        ['mixed-1', ['component:sandbox/checkout', 'component:default/search']],
      ] as const) {
        await store.createIncident(
          storedIncident(id, { entityRefs: [...entityRefs] }),
          [],
        );
      }
      const { metrics, scrape } = scrapableMetrics();
      const telemetry = new IncidentsTelemetry({
        metrics,
        store,
        logger: mockServices.logger.mock(),
        now: () => now,
      });
      await telemetry.refresh();

      expect(scrape('vigil_incidents_open')).toContainEqual({
        value: 2,
        attributes: { severity: 'SEV2' },
      });
      const counts = scrape('vigil_incidents_30d_count').filter(
        o => o.attributes.severity === 'SEV2',
      );
      expect(counts).toContainEqual({
        value: 2,
        attributes: { severity: 'SEV2' },
      });
      const entities = counts
        .map(o => o.attributes.entity_ref)
        .filter(Boolean)
        .sort();
      expect(entities).toEqual([
        'component:default/scoring-api',
        'component:default/search',
      ]);
    });
  },
);
