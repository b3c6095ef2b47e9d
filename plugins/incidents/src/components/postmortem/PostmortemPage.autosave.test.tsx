import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IncidentsConflictError } from '../../api';
import { writeDraft } from '../../lib/postmortemDraft';
import { fieldsFromPostmortem } from '../../lib/postmortemFields';
import { storedDraft } from '../../lib/__testUtils__/storedDraft';
import { makePostmortemDetails } from '../../__testUtils__/fixtures';
import {
  apiWith,
  renderPage,
  setUpPostmortemPageTests,
} from './__testUtils__/postmortemPage';

jest.setTimeout(60_000);
// jsdom lays nothing out: see plainTextarea.
jest.mock('@material-ui/core/TextareaAutosize', () => ({
  __esModule: true,
  default: jest.requireActual('./__testUtils__/plainTextarea').default,
}));

describe('PostmortemPage', () => {
  setUpPostmortemPageTests();

  it('stores typing locally at once and saves it after a pause', async () => {
    const api = apiWith();
    api.savePostmortem.mockResolvedValue(
      makePostmortemDetails({ impact: 'All card payments failed', version: 5 }),
    );
    renderPage(api);
    const impact = await screen.findByLabelText(/^Impact/);

    fireEvent.change(impact, { target: { value: 'All card payments failed' } });
    expect(storedDraft()).toMatchObject({
      baseVersion: 4,
      fields: { impact: 'All card payments failed' },
    });
    expect(screen.getByRole('status')).toHaveTextContent('Unsaved changes');
    expect(api.savePostmortem).not.toHaveBeenCalled();

    await waitFor(
      () =>
        expect(api.savePostmortem).toHaveBeenCalledWith('pm-1', {
          expectedVersion: 4,
          impact: 'All card payments failed',
        }),
      { timeout: 10_000 },
    );
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('All changes saved'),
    );
    expect(storedDraft()).toBeUndefined();
  });

  it('restores and saves an unsaved draft of the same version on load', async () => {
    const details = makePostmortemDetails();
    writeDraft('pm-1', 4, {
      ...fieldsFromPostmortem(details.postmortem),
      rootCauses: 'An expired certificate',
    });
    const api = apiWith(details);
    api.savePostmortem.mockResolvedValue(
      makePostmortemDetails({
        rootCauses: 'An expired certificate',
        version: 5,
      }),
    );
    renderPage(api);

    expect(await screen.findByLabelText(/^Root causes/)).toHaveValue(
      'An expired certificate',
    );
    expect(screen.getByTestId('postmortem-restored')).toBeInTheDocument();
    await waitFor(() =>
      expect(api.savePostmortem).toHaveBeenCalledWith('pm-1', {
        expectedVersion: 4,
        rootCauses: 'An expired certificate',
      }),
    );
  });

  it('offers to restore or discard a draft of an older version', async () => {
    const details = makePostmortemDetails();
    writeDraft('pm-1', 3, {
      ...fieldsFromPostmortem(details.postmortem),
      trigger: 'A config push',
    });
    const api = apiWith(details);
    renderPage(api);

    const banner = await screen.findByTestId('postmortem-stale-draft');
    expect(banner).toHaveTextContent('on version 3');
    expect(banner).toHaveTextContent('now version 4');
    expect(screen.getByLabelText(/^Trigger/)).toHaveValue('');
    await userEvent.click(
      within(banner).getByRole('button', { name: 'Restore my draft' }),
    );
    expect(screen.getByLabelText(/^Trigger/)).toHaveValue('A config push');
    await waitFor(() =>
      expect(api.savePostmortem).toHaveBeenCalledWith('pm-1', {
        expectedVersion: 4,
        trigger: 'A config push',
      }),
    );
  });

  it('shows a conflict and can load their version', async () => {
    const theirs = makePostmortemDetails({
      impact: 'Their impact',
      version: 6,
    });
    const api = apiWith();
    api.savePostmortem.mockRejectedValue(
      new IncidentsConflictError('version conflict', theirs),
    );
    renderPage(api);
    fireEvent.change(await screen.findByLabelText(/^Impact/), {
      target: { value: 'My impact' },
    });

    const banner = await screen.findByTestId(
      'postmortem-conflict',
      {},
      { timeout: 10_000 },
    );
    expect(banner).toHaveTextContent('Someone else changed this postmortem');
    expect(screen.getByRole('status')).toHaveTextContent(
      'Not saved: someone else changed this postmortem',
    );
    await userEvent.click(
      within(banner).getByRole('button', { name: 'Load their version' }),
    );
    expect(screen.getByLabelText(/^Impact/)).toHaveValue('Their impact');
    expect(screen.queryByTestId('postmortem-conflict')).not.toBeInTheDocument();
    expect(storedDraft()).toBeUndefined();
  });

  it('overwrites their version with mine on request', async () => {
    const theirs = makePostmortemDetails({ version: 6 });
    const api = apiWith();
    api.savePostmortem
      .mockRejectedValueOnce(new IncidentsConflictError('conflict', theirs))
      .mockResolvedValueOnce(
        makePostmortemDetails({ impact: 'My impact', version: 7 }),
      );
    renderPage(api);
    fireEvent.change(await screen.findByLabelText(/^Impact/), {
      target: { value: 'My impact' },
    });
    const banner = await screen.findByTestId(
      'postmortem-conflict',
      {},
      { timeout: 10_000 },
    );
    await userEvent.click(
      within(banner).getByRole('button', { name: 'Overwrite with mine' }),
    );
    await waitFor(() =>
      expect(api.savePostmortem).toHaveBeenLastCalledWith('pm-1', {
        expectedVersion: 6,
        impact: 'My impact',
      }),
    );
  });
});
