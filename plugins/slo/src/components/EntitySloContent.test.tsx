import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sloApiRef } from '../api';
import {
  fakeSloApi,
  FakeSloApi,
  makeEntitySlos,
  makeSlo,
  scoringApiEntity,
} from '../__testUtils__/fixtures';
import { fakeSignals } from '../__testUtils__/live';
import { EntitySloContent } from './EntitySloContent';

function renderContent(
  api: FakeSloApi,
  options: {
    signals?: ReturnType<typeof fakeSignals>;
    entity?: Entity;
  } = {},
) {
  const { signals = fakeSignals(), entity = scoringApiEntity } = options;
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntitySloContent />
    </EntityProvider>,
    {
      apis: [
        [sloApiRef, api],
        [signalApiRef, signals.api],
      ],
    },
  );
}

const advance = (ms: number) =>
  act(async () => {
    jest.advanceTimersByTime(ms);
  });

// Renders of the whole tab exceed the 5 s default on a busy machine.
jest.setTimeout(30_000);

describe('EntitySloContent', () => {
  it('shows objective, attainment, budget, burn rates and the firing page alert', async () => {
    const api = fakeSloApi();
    renderContent(api);

    expect(await screen.findByText('availability')).toBeInTheDocument();
    expect(api.getEntitySlos).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'scoring-api',
    });
    expect(screen.getByTestId('slo-objective')).toHaveTextContent('99.9%');
    expect(screen.getByTestId('slo-attainment')).toHaveTextContent('99.958%');
    expect(screen.getByTestId('slo-budget')).toHaveTextContent('58.0%');
    expect(screen.getByTestId('slo-evaluated')).toHaveTextContent(
      '2 minutes ago',
    );
    expect(screen.getByTestId('slo-status')).toHaveTextContent('breaching');
    expect(screen.getByTestId('slo-firing-alert')).toHaveTextContent(
      'Page alert firing',
    );

    // The quick page pair (5m and 1h over 14.4×) is what fires.
    const fiveMinutes = screen.getByTestId('burn-rate-5m');
    expect(fiveMinutes).toHaveAttribute('data-firing', 'page');
    expect(within(fiveMinutes).getByText('20×')).toBeInTheDocument();
    expect(within(fiveMinutes).getByText('page alert firing')).toBeVisible();
    expect(screen.getByTestId('burn-rate-1h')).toHaveAttribute(
      'data-firing',
      'page',
    );
    for (const window of ['30m', '2h', '6h', '1d', '3d']) {
      expect(screen.getByTestId(`burn-rate-${window}`)).not.toHaveAttribute(
        'data-firing',
      );
    }
    expect(
      within(screen.getByTestId('burn-rate-3d')).getByText('0.9×'),
    ).toBeInTheDocument();

    // The burn-down over the SLO's 30-day period.
    expect(await screen.findByTestId('slo-burn-down')).toBeInTheDocument();
    const [sloId, range = {}] = api.getSlo.mock.calls[0];
    expect(sloId).toBe('scoring-api-availability');
    const { from, to, points } = range;
    expect(from && to && to.getTime() - from.getTime()).toBe(30 * 86_400_000);
    // Downsampled by the backend to the chart's width, not 43,000 rows.
    expect(points).toBe(600);

    expect(screen.getByTestId('slo-source')).toHaveTextContent(
      'https://git.example/scoring-api/slo.yaml',
    );
  });

  it('marks the ticket alert the backend reports firing beside the page alert', async () => {
    const api = fakeSloApi({
      getEntitySlos: jest.fn(async () =>
        makeEntitySlos({
          slos: [
            makeSlo({
              // Ticket quick pair (2h and 1d over 3×) burns too.
              burnRates: { ...makeSlo().burnRates, '1d': 3.2 },
              firingAlert: 'page',
              firingAlerts: ['page', 'ticket'],
            }),
          ],
        }),
      ),
    });
    renderContent(api);

    expect(await screen.findByTestId('slo-firing-alert')).toHaveTextContent(
      'Page alert firing',
    );
    for (const window of ['5m', '1h']) {
      expect(screen.getByTestId(`burn-rate-${window}`)).toHaveAttribute(
        'data-firing',
        'page',
      );
    }
    for (const window of ['2h', '1d']) {
      const row = screen.getByTestId(`burn-rate-${window}`);
      expect(row).toHaveAttribute('data-firing', 'ticket');
      expect(within(row).getByText('ticket alert firing')).toBeVisible();
    }
  });

  it('renders no data as text and warns when values are stale', async () => {
    const api = fakeSloApi({
      getEntitySlos: jest.fn(async () =>
        makeEntitySlos({
          slos: [
            makeSlo({
              status: 'no-data',
              sli: null,
              budgetRemaining: null,
              burnRates: { '5m': null, '1h': null },
              firingAlert: null,
              stale: true,
              evaluatedAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
            }),
          ],
        }),
      ),
      getSlo: jest.fn(async () => {
        const to = new Date();
        return {
          slo: makeSlo(),
          history: {
            from: new Date(to.getTime() - 86_400_000).toISOString(),
            to: to.toISOString(),
            summary: {
              evaluations: 0,
              evaluationsWithData: 0,
              evaluationsOverBudget: 0,
              met: null,
            },
            evaluations: [],
          },
        };
      }),
    });
    renderContent(api);

    expect(await screen.findByTestId('slo-attainment')).toHaveTextContent(
      'no data',
    );
    expect(screen.getByTestId('slo-budget')).toHaveTextContent('no data');
    expect(screen.getByTestId('slo-status')).toHaveTextContent('no data');
    expect(
      within(screen.getByTestId('burn-rate-5m')).getByText('no data'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('burn-rate-3d')).getByText('no data'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('slo-stale')).toHaveTextContent('3 hours ago');
    expect(screen.queryByTestId('slo-firing-alert')).not.toBeInTheDocument();
    expect(
      await screen.findByText(/Budget burn-down: no data/),
    ).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/NaN/);
  });

  it("shows the spec's validation errors and warnings", async () => {
    const api = fakeSloApi({
      getEntitySlos: jest.fn(async () =>
        makeEntitySlos({
          specSource: { type: 'file', target: 'packages/scoring-api/slo.yaml' },
          errors: [
            {
              source: 'packages/scoring-api/slo.yaml',
              documentIndex: 0,
              service: 'scoring-api',
              slo: 'latency',
              problem: 'objective must be > 0 and <= 100 (got 101)',
              message:
                'packages/scoring-api/slo.yaml: SLO "latency": objective must be > 0 and <= 100 (got 101)',
            },
          ],
          warnings: [
            {
              source: 'packages/scoring-api/slo.yaml',
              problem: 'unknown field "labelz" is ignored',
              message:
                'packages/scoring-api/slo.yaml: unknown field "labelz" is ignored',
            },
          ],
        }),
      ),
    });
    renderContent(api);

    const errors = await screen.findByTestId('slo-spec-errors');
    expect(errors).toHaveTextContent('The SLO spec has 1 error');
    expect(errors).toHaveTextContent('packages/scoring-api/slo.yaml');
    expect(errors).toHaveTextContent('SLO "latency"');
    expect(errors).toHaveTextContent(
      'objective must be > 0 and <= 100 (got 101)',
    );
    expect(screen.getByTestId('slo-spec-warnings')).toHaveTextContent(
      'unknown field "labelz" is ignored',
    );
    // The valid SLO is still shown.
    expect(screen.getByText('availability')).toBeInTheDocument();
  });

  it('says how to add an SLO when the entity has none', async () => {
    const api = fakeSloApi({
      getEntitySlos: jest.fn(async () =>
        makeEntitySlos({ specSource: null, refreshedAt: null, slos: [] }),
      ),
    });
    renderContent(api);

    expect(
      await screen.findByText('This entity has no SLOs yet'),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/vigil\.dev\/slo-spec/).length).toBeGreaterThan(
      0,
    );
    expect(screen.getByText(/version: prometheus\/v1/)).toBeInTheDocument();
  });

  it('shows backend errors', async () => {
    const api = fakeSloApi({
      getEntitySlos: jest.fn(async () => {
        throw new Error('backend down');
      }),
    });
    renderContent(api);
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });
  describe('live updates', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it("refetches when the backend signals that this entity's SLOs were evaluated", async () => {
      const api = fakeSloApi();
      const signals = fakeSignals();
      renderContent(api, { signals });
      expect(await screen.findByTestId('slo-budget')).toHaveTextContent(
        '58.0%',
      );
      await screen.findByTestId('slo-burn-down');
      expect(api.getEntitySlos).toHaveBeenCalledTimes(1);
      expect(api.getSlo).toHaveBeenCalledTimes(1);

      api.getEntitySlos.mockResolvedValue(
        makeEntitySlos({
          slos: [
            makeSlo({
              budgetRemaining: 0.41,
              evaluatedAt: new Date().toISOString(),
            }),
          ],
        }),
      );
      // Other entities' evaluations are ignored.
      signals.evaluated(['component:default/checkout', 'group:default/x']);
      await advance(5_000);
      expect(api.getEntitySlos).toHaveBeenCalledTimes(1);

      // Several signals in quick succession refetch once, after a pause;
      // refs compare as the catalog compares them (case-insensitively).
      signals.evaluated(['Component:default/scoring-api']);
      signals.evaluated(['component:default/scoring-api']);
      expect(api.getEntitySlos).toHaveBeenCalledTimes(1);
      await advance(1_500);
      expect(await screen.findByText('41.0%')).toBeInTheDocument();
      expect(api.getEntitySlos).toHaveBeenCalledTimes(2);
      // The new evaluation's history is fetched too.
      await waitFor(() => expect(api.getSlo).toHaveBeenCalledTimes(2));
      // The tab was never replaced by a spinner while refetching.
      expect(screen.getByTestId('slo-burn-down')).toBeInTheDocument();
    });

    it('refetches on a slow poll when no signal arrives', async () => {
      const api = fakeSloApi();
      renderContent(api);
      await screen.findByTestId('slo-budget');
      expect(api.getEntitySlos).toHaveBeenCalledTimes(1);

      api.getEntitySlos.mockResolvedValue(
        makeEntitySlos({ slos: [makeSlo({ budgetRemaining: 0.33 })] }),
      );
      await advance(59_000);
      expect(api.getEntitySlos).toHaveBeenCalledTimes(1);
      await advance(1_000);
      expect(await screen.findByText('33.0%')).toBeInTheDocument();
      expect(api.getEntitySlos).toHaveBeenCalledTimes(2);
    });

    it('keeps the evaluation age ticking', async () => {
      const api = fakeSloApi({
        getEntitySlos: jest.fn(async () =>
          makeEntitySlos({
            slos: [
              makeSlo({
                evaluatedAt: new Date(Date.now() - 41_000).toISOString(),
              }),
            ],
          }),
        ),
      });
      renderContent(api);
      expect(await screen.findByTestId('slo-evaluated')).toHaveTextContent(
        '41 seconds ago',
      );
      await advance(10_000);
      expect(screen.getByTestId('slo-evaluated')).toHaveTextContent(
        '51 seconds ago',
      );
      await advance(20_000);
      expect(screen.getByTestId('slo-evaluated')).toHaveTextContent(
        '1 minute ago',
      );
    });
  });

  it("shows an absolute spec path relative to the entity's source, the full path in a tooltip", async () => {
    const fullPath = '/srv/vigil/catalog/packages/scoring-api/slo/slo.yaml';
    const entity: Entity = {
      ...scoringApiEntity,
      metadata: {
        ...scoringApiEntity.metadata,
        annotations: {
          ...scoringApiEntity.metadata.annotations,
          'backstage.io/managed-by-location':
            'file:/srv/vigil/catalog/packages/scoring-api/catalog-info.yaml',
        },
      },
    };
    const api = fakeSloApi({
      getEntitySlos: jest.fn(async () =>
        makeEntitySlos({
          specSource: { type: 'file', target: fullPath },
          warnings: [
            {
              source: fullPath,
              problem: '',
              message: `${fullPath}: unknown field "labelz" is ignored`,
            },
          ],
        }),
      ),
    });
    renderContent(api, { entity });

    const source = await screen.findByTestId('slo-source');
    expect(source).toHaveTextContent('Spec: slo/slo.yaml');
    expect(source).not.toHaveTextContent('/srv/');
    expect(screen.getByTestId('slo-spec-warnings')).not.toHaveTextContent(
      '/srv/',
    );
    expect(screen.getByTestId('slo-spec-warnings')).toHaveTextContent(
      /slo\/slo\.yaml.*: unknown field "labelz" is ignored/,
    );

    await userEvent.hover(within(source).getByText('slo/slo.yaml'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(fullPath);
  });
});
