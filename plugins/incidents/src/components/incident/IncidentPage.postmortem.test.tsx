import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { IncidentStatus } from '../../api';
import { makeDetails } from '../../__testUtils__/fixtures';
import { renderPage, withDetails } from './__testUtils__/incidentPage';

jest.setTimeout(60_000);

describe('IncidentPage', () => {
  it.each([
    [
      'investigating',
      undefined,
      'A postmortem can be written once the incident is resolved.',
    ],
    ['resolved', undefined, 'Create postmortem'],
    ['resolved', 'in_review' as const, 'Open postmortem (in review)'],
  ])(
    'postmortem panel of a %s incident (postmortem %s)',
    async (status, state, text) => {
      const api = withDetails(
        makeDetails(
          state ? { postmortem: { id: 'pm-1', state, version: 1 } } : {},
          { status: status as IncidentStatus },
        ),
      );
      renderPage(api);
      expect(await screen.findByText(text)).toBeInTheDocument();
    },
  );

  it('creates the postmortem', async () => {
    const api = withDetails(makeDetails({}, { status: 'resolved' }));
    renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create postmortem' }),
    );
    await waitFor(() =>
      expect(api.createPostmortem).toHaveBeenCalledWith('inc-1'),
    );
  });
});
