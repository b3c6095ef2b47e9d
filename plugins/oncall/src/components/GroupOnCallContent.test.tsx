import { ResponseError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { testApis } from '../__testUtils__/apis';
import {
  fakeOnCallApi,
  FakeOnCallApi,
  makePolicy,
  paymentsGroup,
} from '../__testUtils__/fixtures';
import { GroupOnCallContent } from './GroupOnCallContent';

jest.setTimeout(60_000);

function renderContent(api: FakeOnCallApi, ownership?: string[]) {
  return renderInTestApp(
    <EntityProvider entity={paymentsGroup}>
      <GroupOnCallContent />
    </EntityProvider>,
    { apis: testApis(api, { ownership }) },
  );
}

async function conflict() {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'ConflictError', message: 'stale version 4' },
        response: { statusCode: 409 },
      }),
      { status: 409, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

describe('GroupOnCallContent', () => {
  it("shows the group's schedules as timelines and its policies", async () => {
    const api = fakeOnCallApi();
    renderContent(api);
    expect(
      await screen.findByRole('region', {
        name: 'Timeline of Payments primary',
      }),
    ).toBeInTheDocument();
    expect(api.listSchedules).toHaveBeenCalledWith({
      ownerRef: ['group:default/payments'],
      limit: 100,
    });
    expect(await screen.findByTestId('oncall-final-row')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Policy name/)).toHaveValue(
      'Payments escalation',
    );
  });

  it('creates a schedule with a business-hours layer of members', async () => {
    const api = fakeOnCallApi({
      listSchedules: async () => ({ items: [], total: 0 }),
    });
    renderContent(api);
    expect(await screen.findByText('No on-call schedule')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'New schedule' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/^Name/), 'Payments');
    fireEvent.change(within(dialog).getByLabelText(/^Time zone/), {
      target: { value: 'Europe/Berlin' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Add layer' }),
    );
    fireEvent.change(within(dialog).getByLabelText(/^First handoff/), {
      target: { value: '2026-03-02T09:00' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: /^Participants/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Alice Adams' }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Bob Brown' }),
    );
    await userEvent.keyboard('{Escape}');
    await userEvent.type(
      within(dialog).getByLabelText(/^Only during/),
      '1-5 09:00-17:00',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Save schedule' }),
    );
    await waitFor(() => expect(api.createSchedule).toHaveBeenCalled());
    expect(api.createSchedule).toHaveBeenCalledWith({
      ownerRef: 'group:default/payments',
      name: 'Payments',
      timeZone: 'Europe/Berlin',
      layers: [
        {
          name: 'Layer 1',
          rotation: { unit: 'week', length: 1 },
          start: '2026-03-02T09:00',
          participants: ['user:default/alice', 'user:default/bob'],
          restrictions: [
            { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
          ],
        },
      ],
    });
    await waitFor(() => expect(api.listSchedules).toHaveBeenCalledTimes(2));
  });

  it('saves a policy with its version and offers a reload on a 409', async () => {
    const api = fakeOnCallApi({
      updatePolicy: jest.fn().mockImplementationOnce(async () => {
        throw await conflict();
      }),
      getPolicy: async () => makePolicy({ version: 5, repeat: 3 }),
    });
    renderContent(api);
    const repeat = await screen.findByLabelText('Run the steps (times)');
    fireEvent.change(repeat, { target: { value: '2' } });
    await userEvent.click(screen.getByRole('button', { name: 'Add step' }));
    const step2 = screen.getByRole('group', { name: 'Step 2' });
    await userEvent.click(
      within(step2).getByRole('button', { name: /^Notify/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Group: Payments' }),
    );
    await userEvent.keyboard('{Escape}');
    await userEvent.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(
      await screen.findByText(/Someone else changed this policy/),
    ).toBeInTheDocument();
    expect(api.updatePolicy).toHaveBeenCalledWith('pol-1', {
      ownerRef: 'group:default/payments',
      name: 'Payments escalation',
      repeat: 2,
      steps: [
        { delayMinutes: 0, targets: [{ kind: 'schedule', ref: 'sched-1' }] },
        {
          delayMinutes: 15,
          targets: [{ kind: 'group', ref: 'group:default/payments' }],
        },
      ],
      version: 4,
    });
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Run the steps (times)')).toHaveValue(3),
    );
    expect(screen.queryByText(/Someone else changed/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(api.updatePolicy).toHaveBeenCalledTimes(2));
    expect(api.updatePolicy.mock.calls[1][1].version).toBe(5);
  });

  it('offers no editing to people outside the group', async () => {
    renderContent(fakeOnCallApi(), ['user:default/alice']);
    await screen.findByTestId('oncall-final-row');
    expect(
      screen.queryByRole('button', { name: 'New schedule' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Save policy' }),
    ).not.toBeInTheDocument();
    expect(screen.getByLabelText(/^Policy name/)).toBeDisabled();
  });
});
