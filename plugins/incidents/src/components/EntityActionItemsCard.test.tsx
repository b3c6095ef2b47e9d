import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  reportProblemApiRef,
  responseErrorOf,
  type ProblemReport,
} from '@vigil/frontend-kit';
import { incidentsApiRef } from '../api';
import { rootRouteRef } from '../lib/routes';
import {
  fakeIncidentsApi,
  FakeIncidentsApi,
  makeActionItem,
} from '../__testUtils__/fixtures';
import {
  actionItemOwners,
  EntityActionItemsCard,
} from './EntityActionItemsCard';

jest.setTimeout(60_000);

const alice: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'alice', namespace: 'default' },
  spec: {},
  relations: [
    { type: 'memberOf', targetRef: 'group:default/payments' },
    { type: 'memberOf', targetRef: 'group:default/sre' },
    { type: 'ownerOf', targetRef: 'component:default/checkout' },
  ],
};

const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: [{ type: 'childOf', targetRef: 'group:default/engineering' }],
};

function renderCard(
  entity: Entity,
  api: FakeIncidentsApi,
  reports?: ProblemReport[],
) {
  // "Report this problem" as the support plugin provides it, recording.
  const reportProblemApi = {
    report: async (problem: ProblemReport) => {
      reports?.push(problem);
      return { ticketId: 't-1', link: '/support/tickets/t-1' };
    },
  };
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityActionItemsCard />
    </EntityProvider>,
    {
      apis: [
        [incidentsApiRef, api],
        ...(reports ? [[reportProblemApiRef, reportProblemApi] as const] : []),
      ],
      mountedRoutes: { '/incidents': rootRouteRef },
    },
  );
}

describe('EntityActionItemsCard', () => {
  it.each([
    [
      'a user: the user and their groups',
      alice,
      ['user:default/alice', 'group:default/payments', 'group:default/sre'],
    ],
    ['a group: the group only', payments, ['group:default/payments']],
  ])('owners of %s', (_name, entity, owners) => {
    expect(actionItemOwners(entity)).toEqual(owners);
  });

  it('lists open items of the user and their groups, overdue first', async () => {
    const api = fakeIncidentsApi({
      listActionItems: jest.fn(async () => ({
        items: [
          makeActionItem({
            id: 'ai-1',
            title: 'Add a canary stage',
            owner: 'user:default/alice',
            priority: 'P2',
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
        ],
        totalCount: 2,
      })),
    });
    renderCard(alice, api);

    const rows = await screen.findAllByTestId('action-item');
    expect(api.listActionItems).toHaveBeenCalledWith({
      owner: [
        'user:default/alice',
        'group:default/payments',
        'group:default/sre',
      ],
      status: 'open',
      limit: 50,
    });
    expect(rows[0]).toHaveTextContent('Alert on certificate expiry');
    expect(rows[0]).toHaveAttribute('data-overdue', 'true');
    expect(rows[0]).toHaveTextContent('2024-04-01 (overdue)');
    expect(rows[0]).toHaveTextContent('P1');
    // Someone else's (the group's) item names its owner.
    expect(
      within(rows[0]).getByRole('link', { name: /payments/ }),
    ).toHaveAttribute('href', '/catalog/default/group/payments');
    expect(
      within(rows[0]).getByRole('link', { name: 'Expired certificate' }),
    ).toHaveAttribute('href', '/incidents/inc-7/postmortem');
    expect(rows[1]).toHaveTextContent('Add a canary stage');
    expect(rows[1]).not.toHaveAttribute('data-overdue');
  });

  it('updates the status of an item', async () => {
    const api = fakeIncidentsApi({
      listActionItems: jest.fn(async () => ({
        items: [makeActionItem()],
        totalCount: 1,
      })),
      updateActionItem: jest.fn(async () => makeActionItem({ status: 'done' })),
    });
    renderCard(payments, api);
    await userEvent.click(
      await screen.findByLabelText('Status of Add a canary stage'),
    );
    await userEvent.click(screen.getByRole('option', { name: 'Done' }));
    await waitFor(() =>
      expect(api.updateActionItem).toHaveBeenCalledWith('ai-1', {
        status: 'done',
      }),
    );
    expect(
      await screen.findByLabelText('Status of Add a canary stage'),
    ).toHaveTextContent('Done');
  });

  it('shows why an update failed', async () => {
    const api = fakeIncidentsApi({
      listActionItems: jest.fn(async () => ({
        items: [makeActionItem()],
        totalCount: 1,
      })),
      updateActionItem: jest.fn(async () => {
        throw new Error('Not allowed');
      }),
    });
    renderCard(payments, api);
    await userEvent.click(
      await screen.findByLabelText('Status of Add a canary stage'),
    );
    await userEvent.click(screen.getByRole('option', { name: 'In progress' }));
    expect(
      await screen.findByText('Add a canary stage: Not allowed'),
    ).toBeInTheDocument();
  });

  it('reports a failed update with its request id, and still closes', async () => {
    const failure = await responseErrorOf(
      new Response(
        JSON.stringify({ error: { name: 'Error', message: 'Database down' } }),
        {
          status: 503,
          statusText: 'Service Unavailable',
          headers: {
            'Content-Type': 'application/json',
            'x-request-id': 'req-42',
          },
        },
      ),
    );
    const api = fakeIncidentsApi({
      listActionItems: jest.fn(async () => ({
        items: [makeActionItem()],
        totalCount: 1,
      })),
      updateActionItem: jest.fn(async () => {
        throw failure;
      }),
    });
    const reports: ProblemReport[] = [];
    renderCard(payments, api, reports);
    await userEvent.click(
      await screen.findByLabelText('Status of Add a canary stage'),
    );
    await userEvent.click(screen.getByRole('option', { name: 'In progress' }));
    const banner = (
      await screen.findByText('Add a canary stage: Database down')
    ).closest('[role="alert"]') as HTMLElement;

    await userEvent.click(within(banner).getByTestId('report-problem'));
    await userEvent.click(screen.getByTestId('report-problem-submit'));
    expect(
      await screen.findByTestId('report-problem-ticket-link'),
    ).toHaveAttribute('href', '/support/tickets/t-1');
    expect(reports).toEqual([
      expect.objectContaining({
        message: 'Database down',
        requestId: 'req-42',
        statusCode: 503,
        entityRef: 'group:default/payments',
      }),
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    // The banner keeps its close button beside "Report this problem".
    await userEvent.click(
      await within(banner).findByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByText('Add a canary stage: Database down'),
      ).not.toBeInTheDocument(),
    );
  });

  it('says when there is nothing to do', async () => {
    renderCard(payments, fakeIncidentsApi());
    expect(
      await screen.findByText('No open action items.'),
    ).toBeInTheDocument();
  });
});
