import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { homePageWidgetDataRef } from '@backstage/plugin-home-react/alpha';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { act, screen, waitFor, within } from '@testing-library/react';
import sloPlugin from '../../alpha';
import { sloApiRef } from '../../api';
import type { SloListQuery } from '../../api/types';
import { catalogEntityRouteRef, rootRouteRef } from '../../lib/routes';
import {
  fakeSloApi,
  makeListResponse,
  makeSlo,
} from '../../__testUtils__/fixtures';
import { fakeSignals } from '../../__testUtils__/live';
import { SlosAtRiskContent } from './SlosAtRiskContent';

jest.setTimeout(30_000);

const breaching = makeSlo();
const overspent = makeSlo({
  sloId: 'checkout-latency',
  entityRef: 'component:default/checkout',
  service: 'checkout',
  name: 'latency',
  budgetRemaining: -0.12,
  firingAlert: null,
});
const warning = makeSlo({
  sloId: 'scoring-api-latency',
  name: 'latency p99',
  status: 'warning',
  budgetRemaining: 0.21,
  firingAlert: 'ticket',
});

function render(
  api: ReturnType<typeof fakeSloApi>,
  signals: ReturnType<typeof fakeSignals> = fakeSignals(),
) {
  return renderInTestApp(<SlosAtRiskContent />, {
    apis: [
      [sloApiRef, api],
      [signalApiRef, signals.api],
    ],
    mountedRoutes: {
      '/slos': rootRouteRef,
      '/catalog/:namespace/:kind/:name': catalogEntityRouteRef,
    },
  });
}

describe('SlosAtRiskContent', () => {
  it('lists breaching SLOs, then those burning budget, with links, status and budget', async () => {
    const api = fakeSloApi({
      listSlos: jest.fn(async (query?: SloListQuery) =>
        query?.status === 'breaching'
          ? makeListResponse([overspent, breaching], 2)
          : makeListResponse([warning], 1),
      ),
    });
    render(api);

    const rows = await screen.findAllByTestId('slo-at-risk');
    expect(api.listSlos).toHaveBeenCalledWith({
      status: 'breaching',
      sandbox: 'exclude',
      order: 'asc',
      limit: 8,
    });
    expect(api.listSlos).toHaveBeenCalledWith({
      status: 'warning',
      sandbox: 'exclude',
      order: 'asc',
      limit: 8,
    });
    expect(rows).toHaveLength(3);
    expect(screen.getByText('2 breaching, 1 burning budget')).toBeVisible();

    expect(rows[0]).toHaveTextContent('latency');
    expect(within(rows[0]).getByTestId('slo-status')).toHaveTextContent(
      'breaching',
    );
    expect(rows[0]).toHaveTextContent('Budget remaining: -12.0%');
    expect(
      within(rows[0]).getByRole('link', { name: 'latency' }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout/slos');
    expect(
      within(rows[0]).getByRole('link', { name: /checkout/ }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout');

    expect(rows[1]).toHaveTextContent('availability');
    expect(rows[1]).toHaveTextContent('Budget remaining: 58.0%');
    expect(rows[1]).toHaveTextContent('page alert firing');

    expect(rows[2]).toHaveTextContent('latency p99');
    expect(within(rows[2]).getByTestId('slo-status')).toHaveTextContent(
      'warning',
    );
    expect(rows[2]).toHaveTextContent('Budget remaining: 21.0%');
    expect(rows[2]).toHaveTextContent('ticket alert firing');
    expect(
      within(rows[2]).getByRole('link', { name: /scoring-api/ }),
    ).toHaveAttribute('href', '/catalog/default/component/scoring-api');

    expect(screen.getByRole('link', { name: 'See all SLOs' })).toHaveAttribute(
      'href',
      '/slos',
    );
    expect(screen.queryByText(/Showing/)).not.toBeInTheDocument();
  });

  it('counts the SLOs at risk it does not show', async () => {
    const api = fakeSloApi({
      listSlos: jest.fn(async (query?: SloListQuery) =>
        query?.status === 'breaching'
          ? makeListResponse(
              Array.from({ length: 8 }, (_, i) =>
                makeSlo({ sloId: `slo-${i}`, name: `slo ${i}` }),
              ),
              10,
            )
          : makeListResponse([warning], 3),
      ),
    });
    render(api);

    expect(await screen.findAllByTestId('slo-at-risk')).toHaveLength(8);
    expect(screen.getByText('10 breaching, 3 burning budget')).toBeVisible();
    expect(screen.getByText(/Showing 8 of 13 SLOs at risk/)).toBeVisible();
  });

  it('says so when every SLO is within budget', async () => {
    const api = fakeSloApi({
      listSlos: jest.fn(async () => makeListResponse([], 0)),
    });
    render(api);

    expect(
      await screen.findByText(/All SLOs are within budget/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See all SLOs' })).toHaveAttribute(
      'href',
      '/slos',
    );
    expect(screen.queryByTestId('slo-at-risk')).not.toBeInTheDocument();
  });

  it('shows the error when the SLO backend fails', async () => {
    const api = fakeSloApi({
      listSlos: jest.fn(async () => {
        throw new Error('SLO backend unavailable');
      }),
    });
    render(api);

    expect(
      (await screen.findAllByText(/SLO backend unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByTestId('slo-at-risk')).not.toBeInTheDocument();
    expect(
      screen.queryByText(/All SLOs are within budget/),
    ).not.toBeInTheDocument();
  });
});

describe('SlosAtRiskContent live updates', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const advance = (ms: number) =>
    act(async () => {
      jest.advanceTimersByTime(ms);
    });

  it('refetches after any SLO evaluation, once per burst of signals', async () => {
    const api = fakeSloApi({
      listSlos: jest.fn(async (query?: SloListQuery) =>
        query?.status === 'breaching'
          ? makeListResponse([breaching], 1)
          : makeListResponse([], 0),
      ),
    });
    const signals = fakeSignals();
    render(api, signals);
    expect(await screen.findAllByTestId('slo-at-risk')).toHaveLength(1);
    expect(api.listSlos).toHaveBeenCalledTimes(2);

    api.listSlos.mockImplementation(async (query?: SloListQuery) =>
      query?.status === 'breaching'
        ? makeListResponse([breaching], 1)
        : makeListResponse([warning], 1),
    );
    // Any entity's evaluation may change which SLOs are at risk.
    signals.evaluated(['component:default/checkout']);
    signals.evaluated(['component:default/scoring-api']);
    expect(api.listSlos).toHaveBeenCalledTimes(2);
    await advance(1_500);
    await waitFor(() =>
      expect(screen.getAllByTestId('slo-at-risk')).toHaveLength(2),
    );
    expect(api.listSlos).toHaveBeenCalledTimes(4);
    expect(screen.getByText('1 breaching, 1 burning budget')).toBeVisible();
  });

  it('refetches on a slow poll when no signal arrives', async () => {
    const api = fakeSloApi({
      listSlos: jest.fn(async () => makeListResponse([], 0)),
    });
    render(api);
    await screen.findByText(/All SLOs are within budget/);
    expect(api.listSlos).toHaveBeenCalledTimes(2);

    api.listSlos.mockImplementation(async (query?: SloListQuery) =>
      query?.status === 'breaching'
        ? makeListResponse([breaching], 1)
        : makeListResponse([], 0),
    );
    await advance(59_000);
    expect(api.listSlos).toHaveBeenCalledTimes(2);
    await advance(1_000);
    expect(await screen.findAllByTestId('slo-at-risk')).toHaveLength(1);
    expect(api.listSlos).toHaveBeenCalledTimes(4);
  });
});

describe('home page widget slos-at-risk', () => {
  it('is an extension of the plugin, titled "SLOs at risk", attached to the home page', () => {
    const widget = sloPlugin.getExtension('home-page-widget:slo/slos-at-risk');
    expect(widget).toBeDefined();
    const data = createExtensionTester(widget).get(homePageWidgetDataRef);
    expect(data.name).toBe('SlosAtRisk');
    expect(data.title).toBe('SLOs at risk');
  });
});
