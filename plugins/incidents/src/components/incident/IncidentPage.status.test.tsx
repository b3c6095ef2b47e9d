import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IncidentsConflictError } from '../../api';
import type { IncidentStatus } from '../../api';
import { makeDetails, TEST_CONFIG } from '../../__testUtils__/fixtures';
import {
  openStatusMenu,
  renderPage,
  withDetails,
} from './__testUtils__/incidentPage';

jest.setTimeout(60_000);

describe('IncidentPage', () => {
  it.each<[IncidentStatus, string[]]>([
    ['investigating', ['Identified', 'Monitoring', 'Resolved']],
    ['identified', ['Investigating', 'Monitoring', 'Resolved']],
    ['monitoring', ['Investigating', 'Identified', 'Resolved']],
    ['resolved', ['Investigating', 'Closed']],
  ])('offers only the allowed transitions from %s', async (status, targets) => {
    renderPage(withDetails(makeDetails({}, { status })));
    const menu = await openStatusMenu();
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map(
          item =>
            item.querySelector('[class*="MuiListItemText-primary"]')
              ?.textContent,
        ),
    ).toEqual(targets);
  });

  it('shows no controls on a closed incident', async () => {
    renderPage(withDetails(makeDetails({}, { status: 'closed' })));
    expect(
      await screen.findByText(/This incident is closed/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Change status' }),
    ).not.toBeInTheDocument();
  });

  it.each([
    ['without a published postmortem', undefined, false, true],
    ['with a draft postmortem', 'draft' as const, false, true],
    ['with a published postmortem', 'published' as const, false, false],
    ['when the config allows it', undefined, true, false],
  ])(
    'closing a resolved incident %s',
    async (_name, postmortemState, allowClose, disabled) => {
      const api = withDetails(
        makeDetails(
          postmortemState
            ? { postmortem: { id: 'pm-1', state: postmortemState, version: 2 } }
            : {},
          { status: 'resolved', postmortemState },
        ),
      );
      api.getConfig.mockResolvedValue({
        ...TEST_CONFIG,
        allowCloseWithoutPublishedPostmortem: allowClose,
      });
      renderPage(api);
      await waitFor(() => expect(api.getConfig).toHaveBeenCalled());
      const menu = await openStatusMenu();
      const close = within(menu).getByRole('menuitem', { name: /Closed/ });
      expect(close).toHaveAttribute('aria-disabled', String(disabled));
      expect(close.textContent?.includes('Publish the postmortem first')).toBe(
        disabled,
      );
    },
  );

  it('changes the status with the version shown', async () => {
    const api = withDetails(makeDetails());
    api.updateIncident.mockResolvedValue(
      makeDetails({}, { status: 'identified', version: 4 }),
    );
    renderPage(api);
    const menu = await openStatusMenu();
    await userEvent.click(
      within(menu).getByRole('menuitem', { name: /Identified/ }),
    );
    await waitFor(() =>
      expect(api.updateIncident).toHaveBeenCalledWith('inc-1', {
        status: 'identified',
        expectedVersion: 3,
      }),
    );
    expect(
      await screen.findByText('version 4', { exact: false }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('incident-status')).toHaveTextContent(
      'Identified',
    );
  });

  it('shows the current state on a conflict and reapplies the change on top of it', async () => {
    const theirs = makeDetails(
      {},
      { severity: 'SEV1', status: 'identified', version: 5 },
    );
    const api = withDetails(makeDetails());
    api.updateIncident
      .mockRejectedValueOnce(
        new IncidentsConflictError('version conflict', theirs),
      )
      .mockResolvedValueOnce(
        makeDetails({}, { severity: 'SEV1', status: 'monitoring', version: 6 }),
      );
    renderPage(api);
    const menu = await openStatusMenu();
    await userEvent.click(
      within(menu).getByRole('menuitem', { name: /Monitoring/ }),
    );

    const banner = await screen.findByTestId('incident-conflict');
    expect(banner).toHaveTextContent('Someone else changed this incident');
    expect(banner).toHaveTextContent('status → Monitoring');
    expect(banner).toHaveTextContent('version 5');
    expect(banner).toHaveTextContent('severity SEV1');
    // The page shows their state.
    expect(screen.getByTestId('incident-status')).toHaveTextContent(
      'Identified',
    );

    await userEvent.click(
      within(banner).getByRole('button', { name: 'Reapply my change' }),
    );
    await waitFor(() =>
      expect(api.updateIncident).toHaveBeenLastCalledWith('inc-1', {
        status: 'monitoring',
        expectedVersion: 5,
      }),
    );
    await waitFor(() =>
      expect(screen.queryByTestId('incident-conflict')).not.toBeInTheDocument(),
    );
    expect(screen.getByTestId('incident-status')).toHaveTextContent(
      'Monitoring',
    );
  });

  it("shows the backend's reason when a change is refused", async () => {
    const api = withDetails(makeDetails({}, { status: 'resolved' }));
    api.getConfig.mockResolvedValue({
      ...TEST_CONFIG,
      allowCloseWithoutPublishedPostmortem: true,
    });
    api.updateIncident.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'InputError',
              message:
                'an incident can be closed only once its postmortem is published',
            },
            response: { statusCode: 400 },
          }),
          { status: 400, headers: { 'Content-Type': 'application/json' } },
        ),
      ),
    );
    renderPage(api);
    await waitFor(() => expect(api.getConfig).toHaveBeenCalled());
    const menu = await openStatusMenu();
    await userEvent.click(
      within(menu).getByRole('menuitem', { name: /Closed/ }),
    );
    expect(
      await screen.findByText(
        'an incident can be closed only once its postmortem is published',
      ),
    ).toBeInTheDocument();
  });
});
