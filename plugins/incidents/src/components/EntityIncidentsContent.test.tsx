import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { incidentsApiRef } from '../api';
import { rootRouteRef } from '../lib/routes';
import {
  checkoutEntity,
  fakeIncidentsApi,
  FakeIncidentsApi,
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
      offset: 0,
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
    expect(within(dialog).getByLabelText(/^Affected entities/)).toHaveValue(
      'component:default/checkout',
    );
  });
});
