import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { IncidentListQuery } from '../api';
import { fakeIncidentsApi, makeIncident } from '../__testUtils__/fixtures';
import { lastListQuery, renderPage } from './__testUtils__/incidentsPage';

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
      sandbox: 'exclude',
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
    // The sandbox's practice incidents are left out until asked for.
    expect(lastListQuery(api)).toEqual({
      status: 'all',
      sandbox: 'exclude',
      limit: 25,
    });
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
    // The sandbox's practice incidents are left out until asked for.
    expect(lastListQuery(api)).toEqual({
      status: 'all',
      sandbox: 'exclude',
      limit: 25,
    });

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
    await userEvent.click(screen.getByLabelText('Sandbox'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('Only the sandbox'),
    );

    await waitFor(() =>
      expect(lastListQuery(api)).toEqual({
        status: 'open',
        severity: 'SEV1',
        q: 'checkout',
        sandbox: 'only',
        limit: 25,
      }),
    );
    await userEvent.click(screen.getByLabelText('Sandbox'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('Shown'),
    );
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
});
