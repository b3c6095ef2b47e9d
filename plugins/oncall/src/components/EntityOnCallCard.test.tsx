import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeSignals, testApis } from '../__testUtils__/apis';
import {
  fakeOnCallApi,
  FakeOnCallApi,
  HOUR,
  makeOnCall,
  scoringApi,
} from '../__testUtils__/fixtures';
import { EntityOnCallCard } from './EntityOnCallCard';

jest.setTimeout(60_000);

function renderCard(api: FakeOnCallApi, signals = fakeSignals()) {
  return renderInTestApp(
    <EntityProvider entity={scoringApi}>
      <EntityOnCallCard />
    </EntityProvider>,
    {
      apis: testApis(api, {
        userRef: 'user:default/bob',
        signals: signals.api,
      }),
    },
  );
}

describe('EntityOnCallCard', () => {
  it('shows who is on call, their email, until when, who is next and the policy', async () => {
    const api = fakeOnCallApi();
    renderCard(api);
    const schedule = await screen.findByLabelText('Payments primary');
    expect(api.getOnCall).toHaveBeenCalledWith({
      entityRef: 'component:default/scoring-api',
    });
    expect(
      await within(schedule).findByRole('link', { name: /alice@example.com/ }),
    ).toHaveAttribute('href', 'mailto:alice@example.com');
    expect(within(schedule).getByText(/^until/)).toHaveTextContent(
      /in 3 hours/,
    );
    await waitFor(() =>
      expect(within(schedule).getByText(/^Next up/)).toHaveTextContent(
        /Bob Brown/,
      ),
    );
    expect(
      screen.getByText('Escalation policy: Payments escalation'),
    ).toBeInTheDocument();
  });

  it('warns when nobody is on call until a time', async () => {
    const onCall = makeOnCall();
    onCall.schedules[0] = {
      ...onCall.schedules[0],
      userRefs: [],
      until: new Date(Date.now() + 2 * HOUR + 60_000).toISOString(),
      next: null,
    };
    renderCard(fakeOnCallApi({ getOnCall: async () => onCall }));
    expect(
      await screen.findByText(/Nobody is on call until/),
    ).toHaveTextContent(/in 2 hours/);
  });

  it('says so when the owner has no schedule', async () => {
    renderCard(
      fakeOnCallApi({
        getOnCall: async () => makeOnCall({ schedules: [], policy: null }),
      }),
    );
    expect(
      await screen.findByText(/has no on-call schedule yet/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No escalation policy: a page reaches nobody.'),
    ).toBeInTheDocument();
  });

  it('pages the entity and shows the outcome', async () => {
    const api = fakeOnCallApi();
    renderCard(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Page' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText(/Title/),
      'Scores are stale',
    );
    await userEvent.type(
      within(dialog).getByLabelText('Message'),
      'since 10:00',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Send page' }),
    );
    expect(
      await within(dialog).findByText(
        /Paged Alice Adams through Payments escalation/,
      ),
    ).toBeInTheDocument();
    expect(api.createPage).toHaveBeenCalledWith({
      entityRef: 'component:default/scoring-api',
      title: 'Scores are stale',
      description: 'since 10:00',
    });
    expect(
      within(dialog).getByRole('link', { name: 'View the page' }),
    ).toHaveAttribute('href', '/oncall/pages/page-1');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() => expect(api.getOnCall).toHaveBeenCalledTimes(2));
  });

  it("reloads when one of the owner's schedules changes", async () => {
    const api = fakeOnCallApi();
    const signals = fakeSignals();
    renderCard(api, signals);
    await screen.findByLabelText('Payments primary');
    await signals.send({
      type: 'schedule_changed',
      scheduleId: 'other',
      version: 2,
    });
    expect(api.getOnCall).toHaveBeenCalledTimes(1);
    await signals.send({
      type: 'schedule_changed',
      scheduleId: 'sched-1',
      version: 2,
    });
    await waitFor(() => expect(api.getOnCall).toHaveBeenCalledTimes(2));
  });
});
