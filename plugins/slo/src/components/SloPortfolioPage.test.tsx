import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityPresentationApiRef } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sloApiRef, SloListQuery } from '../api';
import { catalogEntityRouteRef } from '../lib/routes';
import {
  fakeSloApi,
  FakeSloApi,
  makeListResponse,
  makeSlo,
} from '../__testUtils__/fixtures';
import { fakeEntityPresentation, fakeSignals } from '../__testUtils__/live';
import { SloPortfolioPage } from './SloPortfolioPage';

// Renders of the whole page exceed the 5 s default on a busy machine.
jest.setTimeout(30_000);

function renderPage(
  api: FakeSloApi,
  options: {
    signals?: ReturnType<typeof fakeSignals>;
    titles?: Record<string, string>;
  } = {},
) {
  const { signals = fakeSignals(), titles = {} } = options;
  return renderInTestApp(<SloPortfolioPage />, {
    apis: [
      [sloApiRef, api],
      [signalApiRef, signals.api],
      [entityPresentationApiRef, fakeEntityPresentation(titles)],
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': catalogEntityRouteRef },
  });
}

const advance = (ms: number) =>
  act(async () => {
    jest.advanceTimersByTime(ms);
  });

const lastQuery = (api: FakeSloApi) =>
  api.listSlos.mock.calls[api.listSlos.mock.calls.length - 1];

describe('SloPortfolioPage', () => {
  it('requests one page from the server and renders its rows', async () => {
    const api = fakeSloApi({
      listSlos: jest.fn(async (query?: SloListQuery) =>
        makeListResponse(
          [
            makeSlo({ name: `availability-${query?.offset}` }),
            makeSlo({
              sloId: 'checkout-latency',
              entityRef: 'component:shop/checkout',
              name: 'latency',
              status: 'ok',
              sli: null,
              budgetRemaining: null,
              firingAlert: null,
            }),
          ],
          5000,
          query?.offset,
          query?.limit,
        ),
      ),
    });
    renderPage(api);

    const link = await screen.findByRole('link', { name: 'availability-0' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/scoring-api/slos',
    );
    expect(screen.getByRole('link', { name: 'latency' })).toHaveAttribute(
      'href',
      '/catalog/shop/component/checkout/slos',
    );
    expect(screen.getByText('SLOs (5000)')).toBeInTheDocument();
    expect(screen.getByText('58.0%')).toBeInTheDocument();
    const latencyRow = screen.getByText('checkout-latency').closest('tr')!;
    expect(within(latencyRow).getAllByText('no data')).toHaveLength(2);
    // The sandbox's practice SLOs are left out until asked for.
    expect(api.listSlos).toHaveBeenCalledWith({
      sandbox: 'exclude',
      limit: 25,
      offset: 0,
    });

    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    expect(
      await screen.findByRole('link', { name: 'availability-25' }),
    ).toBeInTheDocument();
    expect(lastQuery(api)).toEqual([
      { sandbox: 'exclude', limit: 25, offset: 25 },
    ]);
  });

  it('sends the filters and the search to the server', async () => {
    const api = fakeSloApi();
    renderPage(api);
    await screen.findByRole('link', { name: 'availability' });

    fireEvent.change(screen.getByLabelText('Owner'), {
      target: { value: 'group:default/payments' },
    });
    fireEvent.change(screen.getByLabelText('System'), {
      target: { value: 'system:default/risk-scoring' },
    });
    fireEvent.change(screen.getByLabelText('Lifecycle'), {
      target: { value: 'production' },
    });
    fireEvent.change(screen.getByLabelText('Search'), {
      target: { value: 'scoring' },
    });
    await userEvent.click(screen.getByLabelText('Status'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('breaching'),
    );

    await waitFor(() =>
      expect(lastQuery(api)).toEqual([
        {
          owner: 'group:default/payments',
          system: 'system:default/risk-scoring',
          lifecycle: 'production',
          status: 'breaching',
          q: 'scoring',
          sandbox: 'exclude',
          limit: 25,
          offset: 0,
        },
      ]),
    );
  });

  it.each([
    ['Shown', undefined],
    ['Only the sandbox', 'only'],
  ])('lists the sandbox when asked: %s', async (label, sandbox) => {
    const api = fakeSloApi();
    renderPage(api);
    await screen.findByRole('link', { name: 'availability' });
    await userEvent.click(screen.getByLabelText('Sandbox'));
    await userEvent.click(within(screen.getByRole('listbox')).getByText(label));
    await waitFor(() =>
      expect(lastQuery(api)).toEqual([
        { ...(sandbox && { sandbox }), limit: 25, offset: 0 },
      ]),
    );
  });

  it('says how to add an SLO when there are none', async () => {
    const api = fakeSloApi({
      listSlos: jest.fn(async () => makeListResponse([], 0)),
    });
    renderPage(api);
    expect(await screen.findByText('No SLOs yet')).toBeInTheDocument();
    expect(screen.getByText(/version: prometheus\/v1/)).toBeInTheDocument();
  });
  it('links entities and owners to their catalog pages, by title', async () => {
    const api = fakeSloApi({
      listSlos: jest.fn(async () =>
        makeListResponse(
          [
            makeSlo(),
            makeSlo({
              sloId: 'checkout-latency',
              entityRef: 'component:shop/checkout',
              owner: null,
              name: 'latency',
            }),
          ],
          2,
        ),
      ),
    });
    renderPage(api, {
      titles: {
        'component:default/scoring-api': 'Scoring API',
        'group:default/payments': 'Payments team',
      },
    });

    const entity = await screen.findByRole('link', { name: 'Scoring API' });
    expect(entity).toHaveAttribute(
      'href',
      '/catalog/default/component/scoring-api',
    );
    expect(screen.getByRole('link', { name: 'Payments team' })).toHaveAttribute(
      'href',
      '/catalog/default/group/payments',
    );
    // Without a title, the short name; never the raw ref.
    expect(screen.getByRole('link', { name: 'shop/checkout' })).toHaveAttribute(
      'href',
      '/catalog/shop/component/checkout',
    );
    expect(
      screen.queryByText('component:default/scoring-api'),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByText('group:default/payments'),
    ).not.toBeInTheDocument();
    // Kept whole rather than wrapped mid-word.
    expect(entity.closest('[data-testid="slo-entity-ref"]')).toHaveStyle({
      whiteSpace: 'nowrap',
    });
  });

  describe('live updates', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('refetches the page after any evaluation, once per burst of signals', async () => {
      const api = fakeSloApi();
      const signals = fakeSignals();
      renderPage(api, { signals });
      expect(await screen.findByText('58.0%')).toBeInTheDocument();
      expect(api.listSlos).toHaveBeenCalledTimes(1);

      api.listSlos.mockResolvedValue(
        makeListResponse([makeSlo({ budgetRemaining: 0.12 })], 1),
      );
      signals.evaluated(['component:default/checkout']);
      signals.evaluated(['component:default/scoring-api']);
      await advance(1_500);
      expect(await screen.findByText('12.0%')).toBeInTheDocument();
      expect(api.listSlos).toHaveBeenCalledTimes(2);
      // The same page and filters.
      expect(lastQuery(api)).toEqual([
        { sandbox: 'exclude', limit: 25, offset: 0 },
      ]);
    });

    it('refetches on a slow poll and keeps the evaluation ages ticking', async () => {
      const api = fakeSloApi({
        listSlos: jest.fn(async () =>
          makeListResponse(
            [
              makeSlo({
                evaluatedAt: new Date(Date.now() - 41_000).toISOString(),
              }),
            ],
            1,
          ),
        ),
      });
      renderPage(api);
      expect(await screen.findByText('41 seconds ago')).toBeInTheDocument();

      await advance(10_000);
      expect(screen.getByText('51 seconds ago')).toBeInTheDocument();
      expect(api.listSlos).toHaveBeenCalledTimes(1);

      await advance(50_000);
      await waitFor(() => expect(api.listSlos).toHaveBeenCalledTimes(2));
    });
  });
});
