import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { incidentsApiRef } from '../api';
import type { IncidentListQuery } from '../api';
import { rootRouteRef } from '../lib/routes';
import {
  ALICE,
  fakeCatalog,
  fakeIncidentsApi,
  FakeIncidentsApi,
  makeDetails,
  makeIncident,
  makePostmortemListItem,
} from '../__testUtils__/fixtures';
import { IncidentsPage } from './IncidentsPage';

function renderPage(
  api: FakeIncidentsApi,
  catalog = fakeCatalog().catalog,
  path = '/incidents',
) {
  return renderInTestApp(<IncidentsPage />, {
    apis: [
      [incidentsApiRef, api],
      mockApis.identity({ userEntityRef: 'user:default/guest' }),
      catalog,
    ],
    mountedRoutes: { '/incidents': rootRouteRef },
    mountPath: '/incidents/*',
    initialRouteEntries: [path],
  });
}

const chipRefs = (container: HTMLElement) =>
  within(container)
    .queryAllByTestId('entity-ref-chip')
    .map(chip => chip.getAttribute('data-entity-ref'));

const lastListQuery = (api: FakeIncidentsApi) =>
  api.listIncidents.mock.calls[api.listIncidents.mock.calls.length - 1][0];

// Rendering material-table and dialogs is slow on small CI machines.
jest.setTimeout(60_000);

describe('IncidentsPage', () => {
  it('lists incidents with severity, status, entities, commander and postmortem', async () => {
    const api = fakeIncidentsApi({
      listIncidents: jest.fn(async (query?: IncidentListQuery) => ({
        items: [
          makeIncident({ id: `inc-${query?.cursor ?? 'first'}` }),
          makeIncident({
            id: 'inc-2',
            title: 'Search slow',
            severity: 'SEV1',
            status: 'resolved',
            entityRefs: ['component:default/search', 'system:default/shop'],
            roles: {},
            postmortemState: 'in_review',
          }),
        ],
        totalCount: 60,
        ...(query?.cursor === 'page-3' ? {} : { nextCursor: 'page-2' }),
      })),
    });
    renderPage(api);

    const link = await screen.findByRole('link', { name: 'Checkout errors' });
    expect(link).toHaveAttribute('href', '/incidents/inc-first');
    expect(screen.getByText('Incidents (60)')).toBeInTheDocument();

    const row = screen
      .getByRole('link', { name: 'Search slow' })
      .closest('tr')!;
    expect(within(row).getByText('SEV1')).toBeInTheDocument();
    expect(within(row).getByText('Resolved')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: /search/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/search',
    );
    const shop = within(row).getByRole('link', { name: /shop/ });
    expect(shop).toHaveAttribute('href', '/catalog/default/system/shop');
    // Named as the catalog presents it (not the raw ref), never wrapping
    // inside the name.
    expect(shop).toHaveTextContent(/^shop$/);
    expect(shop).toHaveStyle({ whiteSpace: 'nowrap' });
    expect(within(row).getByText('In review')).toBeInTheDocument();

    const firstRow = link.closest('tr')!;
    expect(
      within(firstRow).getByRole('link', { name: /alice/ }),
    ).toHaveAttribute('href', '/catalog/default/user/alice');
    expect(within(firstRow).getByText(/ago$/)).toBeInTheDocument();

    // The metrics strip over the default 30 days.
    expect(await screen.findByTestId('metric-count')).toHaveTextContent('4');
    expect(screen.getByTestId('metric-mtta')).toHaveTextContent('5m');
    expect(screen.getByTestId('metric-mttm')).toHaveTextContent('45m');
    expect(screen.getByTestId('metric-mttr')).toHaveTextContent('1h 23m');
    expect(screen.getByTestId('metric-postmortems')).toHaveTextContent('50%');
    expect(screen.getByTestId('metric-overdue')).toHaveTextContent('2');
    const { from, to } = api.getMetrics.mock.calls[0][0]!;
    expect(to!.getTime() - from!.getTime()).toBe(30 * 86_400_000);

    // The next page is the one after the server's cursor; back is the first.
    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() =>
      expect(
        screen.getByRole('link', { name: 'Checkout errors' }),
      ).toHaveAttribute('href', '/incidents/inc-page-2'),
    );
    expect(lastListQuery(api)).toEqual({
      status: 'all',
      limit: 25,
      cursor: 'page-2',
    });
    expect(screen.getByText('26-50 of 60')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: /previous page/i }),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('link', { name: 'Checkout errors' }),
      ).toHaveAttribute('href', '/incidents/inc-first'),
    );
    expect(lastListQuery(api)).toEqual({ status: 'all', limit: 25 });
  });

  it('says "10,000+" when the server stopped counting, and pages on while it has a next page', async () => {
    const api = fakeIncidentsApi({
      listIncidents: jest.fn(async (query?: IncidentListQuery) => ({
        items: [makeIncident({ id: `inc-${query?.cursor ?? 'first'}` })],
        totalCount: 10_000,
        totalCountCapped: true,
        ...(query?.cursor ? {} : { nextCursor: 'c2' }),
      })),
    });
    renderPage(api);
    expect(await screen.findByText('Incidents (10,000+)')).toBeInTheDocument();
    expect(screen.getByText('1-25 of 10,000+')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() =>
      expect(lastListQuery(api)).toMatchObject({ cursor: 'c2' }),
    );
    // The server said this is the last page.
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /next page/i })).toBeDisabled(),
    );
  });

  it('sends the filters to the server', async () => {
    const api = fakeIncidentsApi();
    renderPage(api);
    await screen.findByRole('link', { name: 'Checkout errors' });
    expect(lastListQuery(api)).toEqual({ status: 'all', limit: 25 });

    await userEvent.click(screen.getByLabelText('Status'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('Open (not resolved)'),
    );
    await userEvent.click(screen.getByLabelText('Severity'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('SEV1'),
    );
    fireEvent.change(screen.getByLabelText('Search'), {
      target: { value: 'checkout' },
    });

    await waitFor(() =>
      expect(lastListQuery(api)).toEqual({
        status: 'open',
        severity: 'SEV1',
        q: 'checkout',
        limit: 25,
      }),
    );
  });

  it('changes the metrics period', async () => {
    const api = fakeIncidentsApi();
    renderPage(api);
    await screen.findByTestId('metric-count');
    await userEvent.click(screen.getByLabelText('Period'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('Last 7 days'),
    );
    await waitFor(() => expect(api.getMetrics).toHaveBeenCalledTimes(2));
    const { from, to } = api.getMetrics.mock.calls[1][0]!;
    expect(to!.getTime() - from!.getTime()).toBe(7 * 86_400_000);
  });

  it('declares an incident and opens it', async () => {
    const api = fakeIncidentsApi({
      declareIncident: jest.fn(async () =>
        makeDetails({}, { id: 'inc-9', title: 'Payments down' }),
      ),
      getIncident: jest.fn(async () =>
        makeDetails({}, { id: 'inc-9', title: 'Payments down' }),
      ),
    });
    renderPage(api);
    await screen.findByRole('link', { name: 'Checkout errors' });

    await userEvent.click(
      screen.getByRole('button', { name: 'Declare incident' }),
    );
    const dialog = await screen.findByRole('dialog');
    // The signed-in user is the default commander.
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Commander')).toHaveValue(
        'user:default/guest',
      ),
    );
    fireEvent.change(within(dialog).getByLabelText(/^Title/), {
      target: { value: 'Payments down' },
    });
    fireEvent.change(within(dialog).getByLabelText(/^Summary/), {
      target: { value: 'Card payments fail' },
    });
    await userEvent.click(within(dialog).getByLabelText('Severity'));
    // The configured name of SEV1.
    await userEvent.click(
      screen.getByRole('option', { name: /SEV1 · Meltdown/ }),
    );
    // One entity picked from the catalog, one it does not know typed in full.
    const entities = within(dialog).getByLabelText(/^Affected entities/);
    await userEvent.type(entities, 'shop');
    await userEvent.click(
      await screen.findByRole('option', { name: /Web shop/ }),
    );
    await userEvent.type(entities, 'component:default/payments{Enter}');
    expect(chipRefs(dialog)).toEqual([
      'system:default/shop',
      'component:default/payments',
    ]);
    const commander = within(dialog).getByLabelText('Commander');
    await userEvent.clear(commander);
    await userEvent.type(commander, 'alice');
    await userEvent.click(
      await screen.findByRole('option', { name: /Alice Smith/ }),
    );
    expect(commander).toHaveValue(ALICE);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );

    await waitFor(() =>
      expect(api.declareIncident).toHaveBeenCalledWith({
        title: 'Payments down',
        summary: 'Card payments fail',
        severity: 'SEV1',
        entityRefs: ['system:default/shop', 'component:default/payments'],
        commander: ALICE,
        detectedAt: expect.any(String),
      }),
    );
    // Now on the new incident's page.
    await waitFor(() => expect(api.getIncident).toHaveBeenCalledWith('inc-9'));
    expect(
      (await screen.findAllByText('Payments down')).length,
    ).toBeGreaterThan(0);
  });

  it('asks when the problem was detected: now by default, never in the future', async () => {
    const api = fakeIncidentsApi();
    renderPage(api);
    await screen.findByRole('link', { name: 'Checkout errors' });
    const opened = Date.now();
    await userEvent.click(
      screen.getByRole('button', { name: 'Declare incident' }),
    );
    const dialog = await screen.findByRole('dialog');
    const detectedAt = within(dialog).getByLabelText(/^Detected at/);
    // Local time to the second, as the datetime-local field takes it.
    const shown = new Date((detectedAt as HTMLInputElement).value).getTime();
    expect(Math.abs(shown - opened)).toBeLessThan(60_000);

    fireEvent.change(within(dialog).getByLabelText(/^Title/), {
      target: { value: 'Payments down' },
    });
    await userEvent.type(
      within(dialog).getByLabelText(/^Affected entities/),
      'component:default/checkout{Enter}',
    );
    fireEvent.change(detectedAt, { target: { value: '2999-01-01T10:00:00' } });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );
    expect(
      await within(dialog).findByText('Must not be in the future'),
    ).toBeInTheDocument();
    expect(detectedAt).toHaveAttribute('aria-invalid', 'true');
    expect(api.declareIncident).not.toHaveBeenCalled();

    fireEvent.change(detectedAt, { target: { value: '' } });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );
    expect(
      await within(dialog).findByText('Enter when the problem was detected'),
    ).toBeInTheDocument();
    expect(api.declareIncident).not.toHaveBeenCalled();

    fireEvent.change(detectedAt, { target: { value: '2024-05-01T11:50:30' } });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );
    await waitFor(() =>
      expect(api.declareIncident).toHaveBeenCalledWith(
        expect.objectContaining({
          title: 'Payments down',
          // The local time entered, in UTC.
          detectedAt: new Date('2024-05-01T11:50:30').toISOString(),
        }),
      ),
    );
  });

  it('validates the declaration with the shared schema before sending it', async () => {
    const api = fakeIncidentsApi();
    renderPage(api);
    await screen.findByRole('link', { name: 'Checkout errors' });
    await userEvent.click(
      screen.getByRole('button', { name: 'Declare incident' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );
    expect(
      await within(dialog).findByText('must not be empty'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('at least one affected entity ref is required'),
    ).toBeInTheDocument();

    // A name typed instead of picked is kept, and explained.
    await userEvent.type(
      within(dialog).getByLabelText(/^Affected entities/),
      'checkout{Enter}',
    );
    const commander = within(dialog).getByLabelText('Commander');
    await userEvent.clear(commander);
    await userEvent.type(commander, 'alice');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );
    expect(
      await within(dialog).findByText(/"checkout": must be a full entity ref/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/^must be a full entity ref/),
    ).toBeInTheDocument();
    expect(api.declareIncident).not.toHaveBeenCalled();
  });

  it('shows the backend message when declaring fails', async () => {
    const api = fakeIncidentsApi({
      declareIncident: jest.fn(async () => {
        throw new Error('Not allowed (incident.create)');
      }),
    });
    renderPage(api);
    await screen.findByRole('link', { name: 'Checkout errors' });
    await userEvent.click(
      screen.getByRole('button', { name: 'Declare incident' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/^Title/), {
      target: { value: 'Down' },
    });
    await userEvent.type(
      within(dialog).getByLabelText(/^Affected entities/),
      'component:default/checkout{Enter}',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare' }),
    );
    expect(
      await within(dialog).findByText('Not allowed (incident.create)'),
    ).toBeInTheDocument();
  });

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
