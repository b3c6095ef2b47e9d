import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  EntityHealth,
  HealthPanel,
  ServiceHealthApi,
} from '@vigil/backstage-plugin-service-health-common';
import { serviceHealthApiRef } from '../api';
import { EntityHealthContent } from './EntityHealthContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'scoring-api',
    namespace: 'default',
    annotations: { 'vigil.dev/prometheus-job': 'scoring-api' },
  },
  spec: {},
};

const T0 = Date.parse('2026-12-01T10:00:00Z');
const points = (
  ...values: Array<number | null>
): Array<[number, number | null]> => values.map((v, i) => [T0 + i * 30_000, v]);

function panel(overrides: Partial<HealthPanel> & { id: string }): HealthPanel {
  return {
    title: overrides.id,
    unit: 'count',
    group: 'golden',
    series: [],
    hasData: true,
    ...overrides,
  };
}

function health(overrides: Partial<EntityHealth> = {}): EntityHealth {
  return {
    entityRef: 'component:default/scoring-api',
    range: '1h',
    from: new Date(T0).toISOString(),
    to: new Date(T0 + 3_600_000).toISOString(),
    stepSeconds: 30,
    rateWindow: '1m',
    selector: 'job="scoring-api"',
    profile: 'prom-client',
    state: 'ok',
    message: 'Every panel has data.',
    missingPanels: [],
    annotationIssues: [],
    prometheus: { reachable: true },
    panels: [
      panel({
        id: 'requests',
        title: 'Request rate',
        unit: 'requests/s',
        series: [{ name: 'requests/s', points: points(10, 12) }],
      }),
      panel({
        id: 'latency',
        title: 'Latency',
        unit: 'seconds',
        series: [
          { name: 'p50', points: points(0.05, 0.056) },
          { name: 'p95', points: points(0.3, 0.3222, null) },
          { name: 'p99', points: points(0.5, 0.5) },
        ],
      }),
      panel({
        id: 'service-feature-cache-hit-ratio',
        title: 'Feature cache hit ratio',
        unit: 'ratio',
        group: 'service',
        series: [{ name: 'Feature cache hit ratio', points: points(0.8) }],
      }),
    ],
    markers: {
      deploys: [
        {
          at: new Date(T0 + 600_000).toISOString(),
          kind: 'deploy',
          outcome: 'succeeded',
          version: '1.4.0',
        },
      ],
      incidents: [],
      notes: [],
    },
    generatedAt: new Date(T0).toISOString(),
    ...overrides,
  };
}

function render(api: ServiceHealthApi) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityHealthContent />
    </EntityProvider>,
    { apis: [[serviceHealthApiRef, api]] },
  );
}

describe('EntityHealthContent', () => {
  it('draws each panel with its latest values; p95 in ms for the journeys', async () => {
    const getEntityHealth = jest.fn(async () => health());
    render({ getEntityHealth });
    const p95 = await screen.findByTestId('health-latency-p95');
    expect(p95).toHaveTextContent('322.2 ms');
    expect(p95).toHaveAttribute('data-ms', '322.2');
    expect(screen.getByTestId('health-panel-requests')).toHaveTextContent(
      '12 req/s',
    );
    expect(
      screen.getByTestId('health-panel-service-feature-cache-hit-ratio'),
    ).toHaveTextContent('80%');
    expect(screen.getByText('Golden signals')).toBeInTheDocument();
    expect(screen.getByText('Service-specific')).toBeInTheDocument();
    expect(screen.queryByTestId('health-state')).not.toBeInTheDocument();
    expect(getEntityHealth).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'scoring-api' },
      '1h',
    );
  });

  it('asks again for the range picked', async () => {
    const getEntityHealth = jest.fn(async (_e: unknown, range: string) =>
      health({ range: range as EntityHealth['range'] }),
    );
    render({ getEntityHealth });
    await screen.findByTestId('health-panel-latency');
    await userEvent.click(screen.getByTestId('health-range-7d'));
    await waitFor(() =>
      expect(getEntityHealth).toHaveBeenLastCalledWith(expect.anything(), '7d'),
    );
  });

  it('partial: names the panels without data and says why in each', async () => {
    render({
      getEntityHealth: async () =>
        health({
          state: 'partial',
          message: 'No data in this range for: CPU.',
          missingPanels: ['CPU'],
          panels: [
            ...health().panels,
            panel({
              id: 'cpu',
              title: 'CPU',
              group: 'saturation',
              hasData: false,
              note: 'not exported by services of the opentelemetry profile',
            }),
          ],
        }),
    });
    const banner = await screen.findByTestId('health-state');
    expect(banner).toHaveAttribute('data-state', 'partial');
    expect(banner).toHaveTextContent('No data in this range for: CPU.');
    expect(screen.getByTestId('health-panel-cpu')).toHaveTextContent(
      'No data: not exported by services of the opentelemetry profile',
    );
  });

  it('empty: says Prometheus has nothing for the selector', async () => {
    render({
      getEntityHealth: async () =>
        health({
          state: 'empty',
          message:
            'Prometheus has no data for {job="scoring-api"} in this range: check that the service is scraped under this selector, or pick a longer range.',
          panels: health().panels.map(p => ({
            ...p,
            series: [],
            hasData: false,
          })),
        }),
    });
    const banner = await screen.findByTestId('health-state');
    expect(banner).toHaveAttribute('data-state', 'empty');
    expect(banner).toHaveTextContent(
      'Prometheus has no data for {job="scoring-api"}',
    );
  });

  it('prometheus-down: says so, with when it was last reached, and draws no charts', async () => {
    render({
      getEntityHealth: async () =>
        health({
          state: 'prometheus-down',
          message:
            'Prometheus is unreachable, so no health data can be shown (last reached at 2026-12-01T09:58:00.000Z). The charts come back when it answers again.',
          prometheus: {
            reachable: false,
            lastReachableAt: '2026-12-01T09:58:00.000Z',
          },
          markers: {
            deploys: [],
            incidents: [],
            notes: [
              'Deploy markers are missing: the deployments backend answered 503',
            ],
          },
        }),
    });
    const banner = await screen.findByTestId('health-state');
    expect(banner).toHaveAttribute('data-state', 'prometheus-down');
    expect(banner).toHaveTextContent(
      'last reached at 2026-12-01T09:58:00.000Z',
    );
    expect(banner).toHaveTextContent('Deploy markers are missing');
    expect(
      screen.queryByTestId('health-panel-latency'),
    ).not.toBeInTheDocument();
  });

  it('shows the error of a failed request', async () => {
    render({
      getEntityHealth: async () => {
        throw new Error(
          'Request failed with 404: No entity component:default/scoring-api',
        );
      },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'No entity component:default/scoring-api',
    );
  });
});
