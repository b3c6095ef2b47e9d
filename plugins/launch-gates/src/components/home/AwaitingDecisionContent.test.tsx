import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { homePageWidgetDataRef } from '@backstage/plugin-home-react/alpha';
import { screen } from '@testing-library/react';
import { awaitingDecisionWidget } from '../../alpha';
import { launchGatesApiRef } from '../../api/LaunchGatesApi';
import { catalogEntityRouteRef, rootRouteRef } from '../../lib/routes';
import {
  fakeLaunchGatesApi,
  FakeLaunchGatesApi,
  listOf,
  makeReview,
  summaryOf,
} from '../../__testUtils__/fixtures';
import { AwaitingDecisionContent } from './AwaitingDecisionContent';

jest.setTimeout(30_000);

function render(api: FakeLaunchGatesApi) {
  return renderInTestApp(<AwaitingDecisionContent />, {
    apis: [[launchGatesApiRef, api]],
    mountedRoutes: {
      '/launch-gates': rootRouteRef,
      '/catalog/:namespace/:kind/:name': catalogEntityRouteRef,
    },
  });
}

describe('AwaitingDecisionContent', () => {
  it('lists the reviews awaiting my decision, linked to their Launch tab, with what blocks them', async () => {
    const reopened = summaryOf(
      makeReview({ id: 'r2', state: 'reopened', title: 'Checkout v2' }),
    );
    const api = fakeLaunchGatesApi(makeReview(), {
      listReviews: jest.fn(async () =>
        listOf([summaryOf(makeReview()), reopened], 9),
      ),
    });
    render(api);

    const rows = await screen.findAllByTestId('awaiting-decision');
    expect(api.listReviews).toHaveBeenCalledWith({
      awaitingMe: true,
      limit: 8,
    });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Scoring API launch');
    expect(rows[0]).toHaveTextContent('Target 15 Jan 2027 · 1 blocking check');
    expect(
      screen.getByRole('link', { name: 'Scoring API launch' }),
    ).toHaveAttribute('href', '/catalog/default/component/scoring-api/launch');
    expect(rows[1]).toHaveTextContent('Reopened');
    expect(
      screen.getByText(/Showing 2 of 9 reviews awaiting your decision/),
    ).toBeVisible();
  });

  it('says so when nothing awaits', async () => {
    const api = fakeLaunchGatesApi(makeReview(), {
      listReviews: jest.fn(async () => listOf([])),
    });
    render(api);
    expect(
      await screen.findByText(/Nothing awaits your decision/),
    ).toBeVisible();
    expect(
      screen.getByRole('link', { name: 'See all launches' }),
    ).toHaveAttribute('href', '/launch-gates');
  });

  it('is the home widget "Awaiting your decision", named for the fixed order', () => {
    const tester = createExtensionTester(awaitingDecisionWidget);
    expect(tester.get(homePageWidgetDataRef)).toMatchObject({
      name: 'AwaitingDecision',
      title: 'Awaiting your decision',
    });
  });
});
