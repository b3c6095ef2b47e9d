import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { sloApiRef } from '../api';
import {
  fakeSloApi,
  FakeSloApi,
  makeEntitySlos,
  makeSlo,
  scoringApiEntity,
} from '../__testUtils__/fixtures';
import { EntitySloContent } from './EntitySloContent';

function renderContent(api: FakeSloApi) {
  return renderInTestApp(
    <EntityProvider entity={scoringApiEntity}>
      <EntitySloContent />
    </EntityProvider>,
    { apis: [[sloApiRef, api]] },
  );
}

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
    const { from, to } = range;
    expect(from && to && to.getTime() - from.getTime()).toBe(30 * 86_400_000);

    expect(screen.getByTestId('slo-source')).toHaveTextContent(
      'https://git.example/scoring-api/slo.yaml',
    );
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
});
