import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ALERT_OPENED,
  at,
  EVERY_EVENT,
  makeDetails,
} from '../../__testUtils__/fixtures';
import { renderPage, withDetails } from './__testUtils__/incidentPage';

jest.setTimeout(60_000);

describe('IncidentPage', () => {
  it('hides every control from users who may not change the incident', async () => {
    const api = withDetails(
      makeDetails({ permissions: { update: false }, timeline: EVERY_EVENT }),
    );
    renderPage(api);
    await screen.findByRole('list', { name: 'Incident timeline' });
    for (const name of [
      'Change status',
      'Edit',
      'Add note',
      'Add link',
      'Assign me as Commander',
      'Change Scribe',
    ]) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
    expect(screen.queryByLabelText('Severity')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Add a note')).not.toBeInTheDocument();
  });

  it('tells users who may not act why, and who can: the owners and the commander', async () => {
    const api = withDetails(
      makeDetails({
        permissions: { update: false },
        ownerRefs: ['group:default/payments'],
      }),
    );
    renderPage(api);
    const notice = await screen.findByTestId('incident-who-can-act');
    expect(notice).toHaveTextContent("You can't change this incident");
    expect(notice).toHaveTextContent(
      /owners of its affected entities \(.*\) and by its commander/,
    );
    const links = within(notice)
      .getAllByRole('link')
      .map(a => a.getAttribute('href'));
    expect(links).toEqual([
      '/catalog/default/group/payments',
      '/catalog/default/user/alice',
    ]);
    expect(notice).toHaveTextContent('Ask one of them');
    expect(
      screen.queryByRole('button', { name: 'Take command' }),
    ).not.toBeInTheDocument();
  });

  it('shows no such notice to users who may act', async () => {
    renderPage(withDetails(makeDetails()));
    await screen.findByRole('button', { name: 'Change status' });
    expect(
      screen.queryByTestId('incident-who-can-act'),
    ).not.toBeInTheDocument();
  });

  it('lets a member of an owning group take command of an incident without one', async () => {
    const api = withDetails(
      makeDetails(
        { permissions: { update: false, takeCommand: true } },
        {
          ...ALERT_OPENED,
          timestamps: { declaredAt: at(0), acknowledgedAt: at(1) },
        },
      ),
    );
    api.takeCommand.mockResolvedValue(
      makeDetails(
        { permissions: { update: true } },
        {
          roles: { commander: 'user:default/guest' },
          version: 4,
        },
      ),
    );
    renderPage(api);
    const notice = await screen.findByTestId('incident-who-can-act');
    expect(notice).toHaveTextContent('it has none yet');
    expect(notice).toHaveTextContent('you can take command');
    expect(screen.getByTestId('role-commander')).toHaveTextContent(
      'Unassigned',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Take command' }));
    await waitFor(() =>
      expect(api.takeCommand).toHaveBeenCalledWith('inc-1', 3),
    );
    await waitFor(() =>
      expect(screen.getByTestId('role-commander')).toHaveTextContent('guest'),
    );
    expect(
      screen.queryByRole('button', { name: 'Take command' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByTestId('incident-who-can-act'),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Change status' }),
    ).toBeInTheDocument();
  });

  it('says why taking command was refused', async () => {
    const api = withDetails(
      makeDetails({ permissions: { takeCommand: true } }, { roles: {} }),
    );
    api.takeCommand.mockRejectedValue(
      new Error('only members of an owning group may take command'),
    );
    renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Take command' }),
    );
    expect(
      await screen.findByText(
        'only members of an owning group may take command',
      ),
    ).toBeInTheDocument();
  });
});
