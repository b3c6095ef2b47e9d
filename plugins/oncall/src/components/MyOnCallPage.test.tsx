import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { testApis } from '../__testUtils__/apis';
import { fakeOnCallApi, HOUR, makePage } from '../__testUtils__/fixtures';
import { MyShiftsPage } from './MyOnCallPage';
import { PageDetails } from './PageDetails';

jest.setTimeout(60_000);

/** Every section has its answer (no state update after the test ends). */
async function settled() {
  await screen.findByText(/You have no shifts|on call now|starts in/);
  await screen.findAllByText(/No open pages for you|^Acknowledge$/);
  await screen.findByText(/No calendar URL yet|^My shifts$/);
}

describe('MyShiftsPage and PageDetails', () => {
  it('lists my upcoming shifts', async () => {
    const start = Date.now() + 24 * HOUR + 60_000;
    const api = fakeOnCallApi({
      getMyShifts: async () => ({
        items: [
          {
            scheduleId: 'sched-1',
            scheduleName: 'Payments primary',
            ownerRef: 'group:default/payments',
            start: new Date(start).toISOString(),
            end: new Date(start + 24 * HOUR).toISOString(),
          },
        ],
      }),
    });
    await renderInTestApp(<MyShiftsPage />, { apis: testApis(api) });
    await settled();
    const shifts = await screen.findByRole('list', { name: 'My shifts' });
    expect(shifts).toHaveTextContent('(1 d)');
    expect(shifts).toHaveTextContent(/Payments primary/);
    expect(shifts).toHaveTextContent(/starts in 1 day/);
  });

  it('acknowledges an open page', async () => {
    const api = fakeOnCallApi({
      listPages: jest
        .fn()
        .mockResolvedValueOnce({ items: [makePage()], total: 1 })
        .mockResolvedValue({ items: [], total: 0 }),
    });
    await renderInTestApp(<MyShiftsPage />, { apis: testApis(api) });
    await settled();
    const pages = await screen.findByRole('list', { name: 'My open pages' });
    expect(
      within(pages).getByRole('link', { name: 'Scoring API is down' }),
    ).toHaveAttribute('href', '/oncall/pages/page-1');
    expect(api.listPages).toHaveBeenCalledWith({
      mine: true,
      status: ['open'],
    });
    await userEvent.click(
      within(pages).getByRole('button', {
        name: 'Acknowledge Scoring API is down',
      }),
    );
    expect(
      await screen.findByText('No open pages for you.'),
    ).toBeInTheDocument();
    expect(api.acknowledgePage).toHaveBeenCalledWith('page-1');
  });

  it('creates a calendar URL, shows it once, and revokes one', async () => {
    const api = fakeOnCallApi({
      listCalendarTokens: async () => ({
        items: [
          {
            id: 'tok-0',
            kind: 'user',
            subject: 'user:default/alice',
            createdAt: '2026-03-01T10:00:00Z',
          },
        ],
      }),
    });
    await renderInTestApp(<MyShiftsPage />, { apis: testApis(api) });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create calendar URL' }),
    );
    expect(await screen.findByLabelText('Calendar URL')).toHaveValue(
      'https://vigil.example/api/oncall/calendars/s3cr3t.ics',
    );
    expect(api.createCalendarToken).toHaveBeenCalledWith({ kind: 'user' });
    const list = screen.getByRole('list', { name: 'Calendar URLs' });
    await userEvent.click(
      within(list).getByRole('button', { name: /^Revoke/ }),
    );
    await waitFor(() =>
      expect(api.revokeCalendarToken).toHaveBeenCalledWith('tok-0'),
    );
  });

  it('shows a page with who was paged, how, and who acknowledged', async () => {
    const api = fakeOnCallApi({
      getPage: async () =>
        makePage({
          status: 'acknowledged',
          acknowledgedAt: '2026-03-02T10:04:00Z',
          acknowledgedBy: 'user:default/alice',
        }),
    });
    await renderInTestApp(<PageDetails id="page-1" />, {
      apis: testApis(api),
    });
    expect(await screen.findByText('Deliveries')).toBeInTheDocument();
    expect(api.getPage).toHaveBeenCalledWith('page-1');
    expect(screen.getByText('schedule Payments primary')).toBeInTheDocument();
    expect(screen.getByText('notification')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByTestId('oncall-page-status')).toHaveTextContent(
        /Status: acknowledged by Alice Adams at/,
      ),
    );
    expect(
      screen.queryByRole('button', { name: 'Acknowledge' }),
    ).not.toBeInTheDocument();
  });
});
