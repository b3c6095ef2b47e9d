import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeIncidentsApi,
  makeDetails,
  makePostmortemDetails,
} from '../../__testUtils__/fixtures';
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

  it('submits for review after saving', async () => {
    const api = apiWith();
    api.changePostmortemState.mockResolvedValue(
      makePostmortemDetails({ state: 'in_review', version: 5 }),
    );
    renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Submit for review' }),
    );
    await waitFor(() =>
      expect(api.changePostmortemState).toHaveBeenCalledWith('pm-1', {
        state: 'in_review',
        expectedVersion: 4,
      }),
    );
    expect(
      await screen.findByRole('button', { name: 'Back to draft' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('postmortem-state')).toHaveTextContent(
      'In review',
    );
  });

  it('saves pending edits first, then changes the state on the version saved', async () => {
    const api = apiWith();
    // The save answers only once the user has asked for the state change.
    let answerSave = () => {};
    api.savePostmortem.mockImplementation(
      () =>
        new Promise(resolve => {
          answerSave = () =>
            resolve(
              makePostmortemDetails({
                impact: 'All card payments failed',
                version: 5,
              }),
            );
        }),
    );
    api.changePostmortemState.mockResolvedValue(
      makePostmortemDetails({
        state: 'in_review',
        impact: 'All card payments failed',
        version: 6,
      }),
    );
    renderPage(api);
    fireEvent.change(await screen.findByLabelText(/^Impact/), {
      target: { value: 'All card payments failed' },
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Submit for review' }),
    );
    await waitFor(() => expect(api.savePostmortem).toHaveBeenCalled());
    expect(api.changePostmortemState).not.toHaveBeenCalled();
    answerSave();
    await waitFor(() =>
      expect(api.changePostmortemState).toHaveBeenCalledWith('pm-1', {
        state: 'in_review',
        expectedVersion: 5,
      }),
    );
    expect(api.savePostmortem).toHaveBeenCalledWith('pm-1', {
      expectedVersion: 4,
      impact: 'All card payments failed',
    });
    expect(
      await screen.findByRole('button', { name: 'Back to draft' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('All changes saved');
  });

  it('publishes after confirmation, then shows it read-only', async () => {
    const api = apiWith(makePostmortemDetails({ state: 'in_review' }));
    api.changePostmortemState.mockResolvedValue(
      makePostmortemDetails(
        {
          state: 'published',
          version: 5,
          impact: 'Payments failed for **20 minutes**',
          publishedAt: '2024-05-02T10:00:00Z',
        },
        { permissions: { update: false } },
      ),
    );
    renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Publish' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('A published postmortem is final');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Publish' }),
    );

    await waitFor(() =>
      expect(api.changePostmortemState).toHaveBeenCalledWith('pm-1', {
        state: 'published',
        expectedVersion: 4,
      }),
    );
    expect(await screen.findByText('20 minutes')).toBeInTheDocument();
    expect(screen.getByText('20 minutes').tagName).toBe('STRONG');
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Back to draft' }),
    ).not.toBeInTheDocument();
  });

  it('exports the Markdown as <title>.md', async () => {
    const api = apiWith(
      makePostmortemDetails(
        { state: 'published', title: 'Checkout: 500s' },
        { permissions: { update: false } },
      ),
    );
    const createObjectURL = jest.fn(() => 'blob:postmortem');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordDownload(this: HTMLAnchorElement) {
        clicked.push(this.download);
      });
    renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export Markdown' }),
    );
    await waitFor(() => expect(clicked).toEqual(['Checkout- 500s.md']));
    expect(api.getPostmortemMarkdown).toHaveBeenCalledWith('pm-1');
    click.mockRestore();
  });

  it('offers to create the postmortem when there is none', async () => {
    const api = fakeIncidentsApi({
      getIncident: jest.fn(async () => makeDetails({}, { status: 'resolved' })),
    });
    renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create postmortem' }),
    );
    await waitFor(() =>
      expect(api.createPostmortem).toHaveBeenCalledWith('inc-1'),
    );
    // The created postmortem opens in place.
    expect(await screen.findByLabelText(/^Impact/)).toBeInTheDocument();
  });
});
