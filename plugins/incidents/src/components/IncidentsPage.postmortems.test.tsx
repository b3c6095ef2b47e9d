import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeIncidentsApi,
  FakeIncidentsApi,
  makePostmortemListItem,
} from '../__testUtils__/fixtures';
import { renderPage } from './__testUtils__/incidentsPage';

// Rendering material-table and dialogs is slow on small CI machines.
jest.setTimeout(60_000);

describe('IncidentsPage', () => {
  describe('postmortems tab', () => {
    const lastPostmortemsQuery = (api: FakeIncidentsApi) =>
      api.listPostmortems.mock.calls[
        api.listPostmortems.mock.calls.length - 1
      ][0];

    it('lists postmortems with state, severity, entities and times', async () => {
      const api = fakeIncidentsApi({
        listPostmortems: jest.fn(async () => ({
          items: [
            makePostmortemListItem({
              id: 'pm-1',
              incidentId: 'inc-1',
              title: 'Checkout certificate expiry',
              state: 'published',
              incidentSeverity: 'SEV1',
              entityRefs: ['component:default/checkout', 'system:default/shop'],
              publishedAt: '2024-05-02T10:00:00Z',
            }),
            makePostmortemListItem({
              id: 'pm-2',
              incidentId: 'inc-2',
              title: 'Search slow',
              state: 'in_review',
            }),
          ],
          totalCount: 30,
        })),
      });
      renderPage(api);
      await screen.findByRole('link', { name: 'Checkout errors' });
      expect(api.listPostmortems).not.toHaveBeenCalled();

      const tab = screen.getByRole('tab', { name: 'Postmortems' });
      await userEvent.click(tab);
      expect(tab).toHaveAttribute('aria-selected', 'true');
      const link = await screen.findByRole('link', {
        name: 'Checkout certificate expiry',
      });
      expect(link).toHaveAttribute('href', '/incidents/inc-1/postmortem');
      expect(screen.getByText('Postmortems (30)')).toBeInTheDocument();
      expect(lastPostmortemsQuery(api)).toEqual({ limit: 25, offset: 0 });

      const row = link.closest('tr')!;
      expect(within(row).getByTestId('postmortem-state')).toHaveTextContent(
        'Published',
      );
      expect(within(row).getByTestId('incident-severity')).toHaveTextContent(
        'SEV1',
      );
      expect(
        within(row).getByRole('link', { name: /checkout/ }),
      ).toHaveAttribute('href', '/catalog/default/component/checkout');
      expect(within(row).getByRole('link', { name: /shop/ })).toHaveAttribute(
        'href',
        '/catalog/default/system/shop',
      );
      // Updated and published, relative to now.
      expect(within(row).getAllByText(/ago$/)).toHaveLength(2);
      const draftRow = screen
        .getByRole('link', { name: 'Search slow' })
        .closest('tr')!;
      expect(
        within(draftRow).getByTestId('postmortem-state'),
      ).toHaveTextContent('In review');
      expect(within(draftRow).getByText('—')).toBeInTheDocument();

      await userEvent.click(screen.getByRole('button', { name: /next page/i }));
      await waitFor(() =>
        expect(lastPostmortemsQuery(api)).toEqual({ limit: 25, offset: 25 }),
      );
    });

    it('opens on the tab the URL names and filters by state on the server', async () => {
      const api = fakeIncidentsApi({
        listPostmortems: jest.fn(async () => ({
          items: [makePostmortemListItem()],
          totalCount: 1,
        })),
      });
      renderPage(api, undefined, '/incidents?tab=postmortems');
      expect(
        await screen.findByRole('link', { name: 'Checkout errors' }),
      ).toHaveAttribute('href', '/incidents/inc-1/postmortem');
      expect(screen.getByRole('tab', { name: 'Postmortems' })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      expect(api.listIncidents).not.toHaveBeenCalled();

      await userEvent.click(screen.getByLabelText('Postmortem state'));
      await userEvent.click(
        within(screen.getByRole('listbox')).getByText('In review'),
      );
      await waitFor(() =>
        expect(lastPostmortemsQuery(api)).toEqual({
          state: 'in_review',
          limit: 25,
          offset: 0,
        }),
      );

      await userEvent.click(screen.getByRole('tab', { name: 'Incidents' }));
      expect(
        await screen.findByRole('link', { name: 'Checkout errors' }),
      ).toHaveAttribute('href', '/incidents/inc-1');
    });

    it('explains where postmortems come from when there are none', async () => {
      renderPage(fakeIncidentsApi(), undefined, '/incidents?tab=postmortems');
      expect(
        await screen.findByText('No postmortems have been written yet.'),
      ).toBeInTheDocument();
      expect(
        screen.getByText(/Postmortems are written from resolved incidents/),
      ).toBeInTheDocument();
    });
  });
});
