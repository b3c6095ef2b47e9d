import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DateTime } from 'luxon';
import { testApis } from '../__testUtils__/apis';
import {
  fakeOnCallApi,
  FakeOnCallApi,
  makeSchedule,
} from '../__testUtils__/fixtures';
import { ScheduleTimeline } from './ScheduleTimeline';

jest.setTimeout(60_000);

const ZONE = 'Europe/Berlin';

function renderTimeline(api: FakeOnCallApi, canEdit = true) {
  return renderInTestApp(
    <ScheduleTimeline
      schedule={makeSchedule()}
      canEdit={canEdit}
      people={['user:default/alice', 'user:default/bob']}
    />,
    { apis: testApis(api) },
  );
}

/** The final row is 1400 px wide: 100 px per day of the two weeks. */
async function finalRow() {
  const row = await screen.findByTestId('oncall-final-row');
  row.getBoundingClientRect = () =>
    ({ left: 0, width: 1400, top: 0, height: 28 } as DOMRect);
  return row;
}

const todayStart = () => DateTime.now().setZone(ZONE).startOf('day');

describe('ScheduleTimeline', () => {
  it('shows each layer, the overrides and the final result with its gaps', async () => {
    const api = fakeOnCallApi();
    renderTimeline(api);
    const final = await finalRow();
    expect(within(final).getAllByTestId('oncall-bar')).toHaveLength(2);
    expect(within(final).getByTestId('oncall-gap')).toHaveTextContent('Gap');
    expect(
      screen.getByRole('group', { name: 'Layer Daily' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('group', { name: 'Overrides' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/This schedule has 1 gap in the next two weeks/),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(within(final).getAllByText('Alice Adams').length).toBeGreaterThan(
        0,
      ),
    );
    const { from, to } = api.getTimeline.mock.calls[0][1]!;
    expect(from).toBe(todayStart().toUTC().toISO());
    expect(to).toBe(todayStart().plus({ days: 14 }).toUTC().toISO());
  });

  it('moves two weeks back and forth, and back to today', async () => {
    const api = fakeOnCallApi();
    renderTimeline(api);
    await finalRow();
    await userEvent.click(
      screen.getByRole('button', { name: 'Next two weeks' }),
    );
    await waitFor(() => expect(api.getTimeline).toHaveBeenCalledTimes(2));
    expect(api.getTimeline.mock.calls[1][1]!.from).toBe(
      todayStart().plus({ days: 14 }).toUTC().toISO(),
    );
    expect(
      await screen.findByText(/This schedule has 1 gap in these two weeks/),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Previous two weeks' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Previous two weeks' }),
    );
    await waitFor(() => expect(api.getTimeline).toHaveBeenCalledTimes(4));
    expect(api.getTimeline.mock.calls[3][1]!.from).toBe(
      todayStart().minus({ days: 14 }).toUTC().toISO(),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Today' }));
    await waitFor(() => expect(api.getTimeline).toHaveBeenCalledTimes(5));
  });

  it('adds an override for a range dragged on the final row', async () => {
    const api = fakeOnCallApi();
    renderTimeline(api);
    const row = await finalRow();
    // Day 2 from 00:00 to 12:00 in the schedule's zone.
    fireEvent.mouseDown(row, { clientX: 100, button: 0 });
    fireEvent.mouseMove(row, { clientX: 130 });
    expect(screen.getByTestId('oncall-selection')).toBeInTheDocument();
    fireEvent.mouseUp(row, { clientX: 150 });

    const dialog = await screen.findByRole('dialog');
    const start = todayStart().plus({ days: 1 });
    expect(
      within(dialog).getByLabelText(/Start \(Europe\/Berlin\)/),
    ).toHaveValue(start.toFormat("yyyy-MM-dd'T'HH:mm"));
    const end = within(dialog).getByLabelText(/End \(Europe\/Berlin\)/);
    expect(end).toHaveValue(
      start.plus({ hours: 12 }).toFormat("yyyy-MM-dd'T'HH:mm"),
    );
    // Editable: end at 18:00 instead.
    fireEvent.change(end, {
      target: {
        value: start.plus({ hours: 18 }).toFormat("yyyy-MM-dd'T'HH:mm"),
      },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: /^Person/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Bob Brown' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Add override' }),
    );

    await waitFor(() => expect(api.createOverride).toHaveBeenCalled());
    expect(api.createOverride).toHaveBeenCalledWith('sched-1', {
      start: start.toUTC().toISO(),
      end: start.plus({ hours: 18 }).toUTC().toISO(),
      action: 'replace',
      userRef: 'user:default/bob',
    });
    await waitFor(() => expect(api.getTimeline).toHaveBeenCalledTimes(2));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('selects a range by clicking its start and then its end', async () => {
    renderTimeline(fakeOnCallApi());
    const row = await finalRow();
    fireEvent.mouseDown(row, { clientX: 300, button: 0 });
    fireEvent.mouseUp(row, { clientX: 300 });
    expect(screen.getByText(/Click the end of the range/)).toBeInTheDocument();
    fireEvent.mouseDown(row, { clientX: 350, button: 0 });
    fireEvent.mouseUp(row, { clientX: 350 });
    const dialog = await screen.findByRole('dialog');
    const start = todayStart().plus({ days: 3 });
    expect(within(dialog).getByLabelText(/Start/)).toHaveValue(
      start.toFormat("yyyy-MM-dd'T'HH:mm"),
    );
    expect(within(dialog).getByLabelText(/End/)).toHaveValue(
      start.plus({ hours: 12 }).toFormat("yyyy-MM-dd'T'HH:mm"),
    );
  });

  it('shows the backend error and keeps the dialog open', async () => {
    const api = fakeOnCallApi({
      createOverride: async () => {
        throw new Error('end: must be after start');
      },
    });
    renderTimeline(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'New override' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: /^Person/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Alice Adams' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Add override' }),
    );
    expect(
      await within(dialog).findByText('end: must be after start'),
    ).toBeInTheDocument();
  });

  it('offers no selection to people outside the owning group', async () => {
    renderTimeline(fakeOnCallApi(), false);
    const row = await finalRow();
    fireEvent.mouseDown(row, { clientX: 100, button: 0 });
    fireEvent.mouseUp(row, { clientX: 200 });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'New override' }),
    ).not.toBeInTheDocument();
  });
});
