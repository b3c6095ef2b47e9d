import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { homePageWidgetDataRef } from '@backstage/plugin-home-react/alpha';
import { screen, within } from '@testing-library/react';
import incidentsPlugin from '../../alpha';
import { incidentsApiRef } from '../../api';
import { rootRouteRef } from '../../lib/routes';
import {
  ALICE,
  fakeIncidentsApi,
  FakeIncidentsApi,
  makeActionItem,
} from '../../__testUtils__/fixtures';
import { MyActionItemsContent } from './MyActionItemsContent';

jest.setTimeout(30_000);

function render(api: FakeIncidentsApi) {
  return renderInTestApp(<MyActionItemsContent />, {
    apis: [
      [incidentsApiRef, api],
      mockApis.identity({
        userEntityRef: ALICE,
        ownershipEntityRefs: [ALICE, 'group:default/payments'],
      }),
    ],
    mountedRoutes: { '/incidents': rootRouteRef },
  });
}

describe('MyActionItemsContent', () => {
  it('lists the open items of the user and their groups, overdue first', async () => {
    const api = fakeIncidentsApi({
      listActionItems: jest.fn(async () => ({
        items: [
          makeActionItem({
            id: 'ai-1',
            title: 'Add a canary stage',
            owner: ALICE,
            priority: 'P2',
            status: 'in_progress',
            dueDate: undefined,
          }),
          makeActionItem({
            id: 'ai-2',
            title: 'Alert on certificate expiry',
            owner: 'group:default/payments',
            priority: 'P1',
            dueDate: '2024-04-01',
            overdue: true,
            incidentId: 'inc-7',
            postmortemTitle: 'Expired certificate',
          }),
          makeActionItem({
            id: 'ai-3',
            title: 'Load test the scorer',
            owner: ALICE,
            priority: 'P0',
            dueDate: '2024-06-01',
          }),
        ],
        totalCount: 3,
      })),
    });
    render(api);

    const rows = await screen.findAllByTestId('my-action-item');
    expect(api.listActionItems).toHaveBeenCalledWith({
      owner: [ALICE, 'group:default/payments'],
      status: 'open',
      limit: 50,
    });
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Alert on certificate expiry');
    expect(rows[0]).toHaveAttribute('data-overdue', 'true');
    expect(rows[0]).toHaveTextContent('due 2024-04-01 (overdue)');
    expect(rows[0]).toHaveTextContent('P1');
    expect(
      within(rows[0]).getByRole('link', { name: 'Expired certificate' }),
    ).toHaveAttribute('href', '/incidents/inc-7/postmortem');
    // A group's item names the group.
    expect(
      within(rows[0]).getByRole('link', { name: /payments/ }),
    ).toHaveAttribute('href', '/catalog/default/group/payments');

    expect(rows[1]).toHaveTextContent('Load test the scorer');
    expect(rows[1]).not.toHaveAttribute('data-overdue');
    expect(within(rows[1]).queryByText(/alice/)).not.toBeInTheDocument();

    expect(rows[2]).toHaveTextContent('Add a canary stage');
    expect(rows[2]).toHaveTextContent('In progress');
    expect(rows[2]).not.toHaveTextContent('due');

    expect(
      screen.getByRole('link', { name: 'Update them on your page' }),
    ).toHaveAttribute('href', '/catalog/default/user/alice');
  });

  it('counts the items it does not show', async () => {
    const api = fakeIncidentsApi({
      listActionItems: jest.fn(async () => ({
        items: Array.from({ length: 10 }, (_, i) =>
          makeActionItem({ id: `ai-${i}`, title: `Item ${i}` }),
        ),
        totalCount: 14,
      })),
    });
    render(api);

    expect(await screen.findAllByTestId('my-action-item')).toHaveLength(8);
    expect(screen.getByText(/Showing 8 of 14 open action items/)).toBeVisible();
  });

  it('says so when the user has none', async () => {
    const api = fakeIncidentsApi({
      listActionItems: jest.fn(async () => ({ items: [], totalCount: 0 })),
    });
    render(api);

    expect(
      await screen.findByText('No open action items for you or your teams.'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('my-action-item')).not.toBeInTheDocument();
  });

  it('shows the error when the incidents backend fails', async () => {
    const api = fakeIncidentsApi({
      listActionItems: jest.fn(async () => {
        throw new Error('action items unavailable');
      }),
    });
    render(api);

    expect(
      (await screen.findAllByText(/action items unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(
      screen.queryByText('No open action items for you or your teams.'),
    ).not.toBeInTheDocument();
  });
});

describe('home page widget my-action-items', () => {
  it('is an extension of the plugin, titled "My action items"', () => {
    const widget = incidentsPlugin.getExtension(
      'home-page-widget:incidents/my-action-items',
    );
    expect(widget).toBeDefined();
    const data = createExtensionTester(widget).get(homePageWidgetDataRef);
    expect(data.name).toBe('MyActionItems');
    expect(data.title).toBe('My action items');
  });
});
