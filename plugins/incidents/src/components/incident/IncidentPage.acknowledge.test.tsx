import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IncidentsConflictError } from '../../api';
import {
  ALERT_OPENED,
  ALICE,
  at,
  BOB,
  makeDetails,
} from '../../__testUtils__/fixtures';
import { renderPage, withDetails } from './__testUtils__/incidentPage';

jest.setTimeout(60_000);

describe('IncidentPage', () => {
  it('shows an alert-opened incident as not acknowledged until someone acknowledges it', async () => {
    const api = withDetails(
      makeDetails({ permissions: { acknowledge: true } }, ALERT_OPENED),
    );
    api.acknowledgeIncident.mockResolvedValue(
      makeDetails(
        { permissions: { acknowledge: false } },
        {
          ...ALERT_OPENED,
          timestamps: {
            declaredAt: ALERT_OPENED.timestamps!.declaredAt,
            acknowledgedAt: at(3),
          },
          acknowledgedBy: ALICE,
          version: 4,
        },
      ),
    );
    renderPage(api);
    const banner = await screen.findByTestId('incident-unacknowledged');
    expect(banner).toHaveTextContent('Not acknowledged');
    expect(banner).toHaveTextContent('An alert opened this incident');
    expect(screen.getByTestId('incident-lifecycle')).toHaveTextContent(
      'AcknowledgedNot acknowledged',
    );

    await userEvent.click(
      within(banner).getByRole('button', { name: 'Acknowledge' }),
    );
    await waitFor(() =>
      expect(api.acknowledgeIncident).toHaveBeenCalledWith('inc-1', 3),
    );
    const acknowledged = await screen.findByTestId('incident-acknowledged');
    expect(acknowledged).toHaveTextContent(/^Acknowledged by alice/);
    expect(
      within(acknowledged).getByRole('link', { name: /alice/ }),
    ).toHaveAttribute('href', '/catalog/default/user/alice');
    expect(
      screen.queryByTestId('incident-unacknowledged'),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('incident-lifecycle')).toHaveTextContent(
      '(3m after declared)by alice',
    );
  });

  it('shows who acknowledged first when acknowledging hits a conflict', async () => {
    const api = withDetails(
      makeDetails({ permissions: { acknowledge: true } }, ALERT_OPENED),
    );
    api.acknowledgeIncident.mockRejectedValue(
      new IncidentsConflictError(
        'already acknowledged',
        makeDetails(
          {},
          {
            ...ALERT_OPENED,
            timestamps: { declaredAt: at(0), acknowledgedAt: at(1) },
            acknowledgedBy: BOB,
            version: 4,
          },
        ),
      ),
    );
    renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Acknowledge' }),
    );
    expect(
      await screen.findByTestId('incident-acknowledged'),
    ).toHaveTextContent(/^Acknowledged by bob/);
    expect(
      screen.getByText(
        'already acknowledged. The page now shows the current state.',
      ),
    ).toBeInTheDocument();
  });

  it('shows no acknowledge button to those who may not acknowledge', async () => {
    renderPage(
      withDetails(
        makeDetails({ permissions: { update: false } }, ALERT_OPENED),
      ),
    );
    const banner = await screen.findByTestId('incident-unacknowledged');
    expect(
      within(banner).queryByRole('button', { name: 'Acknowledge' }),
    ).not.toBeInTheDocument();
  });
});
