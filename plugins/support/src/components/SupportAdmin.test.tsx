import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  feedback,
  fakeSupportApi,
  ticket,
} from '../__testUtils__/fakeSupportApi';
import { supportApiRef } from '../api/supportApiRef';
import { MyTickets } from './MyTickets';
import { SupportAdmin } from './SupportAdmin';

describe('SupportAdmin', () => {
  it('lists every ticket and all feedback, and changes a status on its version', async () => {
    const { api, calls } = fakeSupportApi({
      tickets: [ticket()],
      feedback: [feedback()],
    });
    await renderInTestApp(
      <TestApiProvider apis={[[supportApiRef, api]]}>
        <SupportAdmin />
      </TestApiProvider>,
    );
    const row = await screen.findByTestId('support-ticket-row');
    expect(row).toHaveTextContent('The SLO page failed');
    expect(row).toHaveTextContent('user:default/alice');
    expect(row).toHaveTextContent('Open');
    expect(screen.getByTestId('feedback-row')).toHaveTextContent('Nice charts');

    fireEvent.click(screen.getByTestId('support-ticket-set-resolved'));
    await waitFor(() =>
      expect(screen.getByTestId('support-ticket-row')).toHaveTextContent(
        'Resolved',
      ),
    );
    expect(calls.changeTicketStatus).toEqual([
      [ticket().id, { status: 'resolved', version: 1 }],
    ]);
  });

  it('shows the refusal with a report button when the user is no portal admin', async () => {
    const { api } = fakeSupportApi();
    api.listTickets = async () => {
      throw Object.assign(new Error('Not allowed to manage support tickets'), {
        statusCode: 403,
      });
    };
    await renderInTestApp(
      <TestApiProvider apis={[[supportApiRef, api]]}>
        <SupportAdmin />
      </TestApiProvider>,
    );
    expect(
      (await screen.findAllByText(/Not allowed to manage support tickets/))
        .length,
    ).toBeGreaterThan(0);
  });
});

describe('MyTickets', () => {
  it("lists the user's tickets with their status", async () => {
    const { api } = fakeSupportApi({
      tickets: [
        ticket(),
        ticket({ id: 't2', text: 'Second', status: 'closed' }),
      ],
    });
    await renderInTestApp(
      <TestApiProvider apis={[[supportApiRef, api]]}>
        <MyTickets />
      </TestApiProvider>,
    );
    const rows = await screen.findAllByTestId('support-ticket-row');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent('Closed');
    expect(
      screen.getByText('The SLO page failed').closest('a'),
    ).toHaveAttribute('href', `/support/tickets/${ticket().id}`);
  });
});
