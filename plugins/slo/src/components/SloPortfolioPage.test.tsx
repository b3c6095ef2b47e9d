import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sloApiRef, SloListQuery } from '../api';
import { catalogEntityRouteRef } from '../lib/routes';
import {
  fakeSloApi,
  FakeSloApi,
  makeListResponse,
  makeSlo,
} from '../__testUtils__/fixtures';
import { SloPortfolioPage } from './SloPortfolioPage';

function renderPage(api: FakeSloApi) {
  return renderInTestApp(<SloPortfolioPage />, {
    apis: [[sloApiRef, api]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': catalogEntityRouteRef },
  });
}

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
    expect(api.listSlos).toHaveBeenCalledWith({ limit: 25, offset: 0 });

    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    expect(
      await screen.findByRole('link', { name: 'availability-25' }),
    ).toBeInTheDocument();
    expect(lastQuery(api)).toEqual([{ limit: 25, offset: 25 }]);
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
          limit: 25,
          offset: 0,
        },
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
});
