import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { incidentsApiRef } from '../api';
import { rootRouteRef } from '../lib/routes';
import {
  checkoutEntity,
  fakeCatalog,
  fakeIncidentsApi,
  FakeIncidentsApi,
  makePostmortemListItem,
} from '../__testUtils__/fixtures';
import { EntityIncidentsContent } from './EntityIncidentsContent';

jest.setTimeout(60_000);

function renderContent(api: FakeIncidentsApi) {
  return renderInTestApp(
    <EntityProvider entity={checkoutEntity}>
      <EntityIncidentsContent />
    </EntityProvider>,
    {
      apis: [
        [incidentsApiRef, api],
        mockApis.identity({ userEntityRef: 'user:default/guest' }),
        fakeCatalog().catalog,
      ],
      mountedRoutes: { '/incidents': rootRouteRef },
    },
  );
}

describe('EntityIncidentsContent', () => {
  it("shows the entity's incidents and its 30-day metrics", async () => {
    const api = fakeIncidentsApi();
    renderContent(api);
    expect(
      await screen.findByRole('link', { name: 'Checkout errors' }),
    ).toHaveAttribute('href', '/incidents/inc-1');
    expect(api.listIncidents).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      status: 'all',
      limit: 25,
    });
    await waitFor(() => expect(api.getMetrics).toHaveBeenCalled());
    const query = api.getMetrics.mock.calls[0][0]!;
    expect(query.entityRef).toBe('component:default/checkout');
    expect(query.to!.getTime() - query.from!.getTime()).toBe(30 * 86_400_000);
  });

  it('prefills the declare dialog with the entity', async () => {
    renderContent(fakeIncidentsApi());
    await userEvent.click(
      await screen.findByRole('button', { name: 'Declare incident' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog)
        .getAllByTestId('entity-ref-chip')
        .map(chip => chip.getAttribute('data-entity-ref')),
    ).toEqual(['component:default/checkout']);
    // No default commander: only owners and SRE may name one.
    expect(within(dialog).getByLabelText('Commander')).toHaveValue('');
  });

  it("lists the postmortems of the entity's incidents", async () => {
    const api = fakeIncidentsApi({
      listPostmortems: jest.fn(async () => ({
        items: [
          makePostmortemListItem({
            title: 'Checkout certificate expiry',
            state: 'published',
            publishedAt: '2024-05-02T10:00:00Z',
          }),
        ],
        totalCount: 1,
      })),
    });
    renderContent(api);
    const link = await screen.findByRole('link', {
      name: 'Checkout certificate expiry',
    });
    expect(link).toHaveAttribute('href', '/incidents/inc-1/postmortem');
    expect(screen.getByText('Postmortems (1)')).toBeInTheDocument();
    expect(api.listPostmortems).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      limit: 10,
      offset: 0,
    });
    // The entity is implied: no column of affected entities.
    const row = link.closest('tr')!;
    expect(within(row).queryByRole('link', { name: 'checkout' })).toBeNull();
    expect(within(row).getByTestId('postmortem-state')).toHaveTextContent(
      'Published',
    );
  });

  it('says when the entity has no postmortems', async () => {
    renderContent(fakeIncidentsApi());
    expect(
      await screen.findByText(
        'No postmortems for incidents affecting this entity yet.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Postmortems are written from resolved incidents/),
    ).toBeInTheDocument();
  });
});
