import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { launchGatesApiRef } from '../api/LaunchGatesApi';
import { catalogEntityRouteRef } from '../lib/routes';
import {
  fakeLaunchGatesApi,
  listOf,
  makeReview,
  summaryOf,
} from '../__testUtils__/fixtures';
import { LaunchesPage } from './LaunchesPage';

jest.setTimeout(30_000);

describe('LaunchesPage', () => {
  it('lists launches with target date, entity, state, blockers and product owner; filters by state on the server', async () => {
    const blocked = summaryOf(makeReview());
    const checkout = summaryOf(
      makeReview({
        id: 'r2',
        entityRef: 'component:default/checkout',
        title: 'Checkout v2',
        targetDate: '2027-02-01',
        state: 'go',
        blockers: [],
      }),
    );
    const api = fakeLaunchGatesApi(makeReview(), {
      listReviews: jest.fn(async () => listOf([blocked, checkout], 2)),
    });
    renderInTestApp(<LaunchesPage />, {
      apis: [[launchGatesApiRef, api]],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': catalogEntityRouteRef,
      },
    });

    const table = await screen.findByRole('table', { name: 'Launches' });
    const rows = within(table).getAllByTestId('launch-row');
    expect(rows[0]).toHaveTextContent('15 Jan 2027');
    expect(rows[0]).toHaveTextContent('Scoring API launch');
    expect(rows[0]).toHaveTextContent('Open');
    expect(rows[0]).toHaveTextContent('slo-history');
    expect(rows[0]).toHaveTextContent('group:product-owners');
    expect(within(rows[0]).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/component/scoring-api/launch',
    );
    expect(rows[1]).toHaveTextContent('Go');
    expect(rows[1]).toHaveTextContent('None');
    expect(api.listReviews).toHaveBeenLastCalledWith({
      state: ['open', 'reopened'],
      targetFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      limit: 25,
      offset: 0,
    });

    await userEvent.click(screen.getByLabelText('State'));
    await userEvent.click(await screen.findByRole('option', { name: 'Go' }));
    await userEvent.click(screen.getByLabelText(/Upcoming only/));
    await waitFor(() =>
      expect(api.listReviews).toHaveBeenLastCalledWith({
        state: ['go'],
        targetFrom: undefined,
        limit: 25,
        offset: 0,
      }),
    );
  });
});
