import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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
  const scrolledTo = setUpPostmortemPageTests();
  // The 1 s autosave debounce runs on fake time: waitFor and user-event
  // advance it, so saves still wait for the pause without a real second.
  let user: ReturnType<typeof userEvent.setup>;
  beforeEach(() => {
    jest.useFakeTimers();
    user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
  });
  afterEach(() => jest.useRealTimers());

  it('adds an action item and saves it with the others', async () => {
    const api = apiWith();
    renderPage(api);
    await user.click(
      await screen.findByRole('button', { name: 'Add action item' }),
    );
    fireEvent.change(screen.getByLabelText('Action item 1 title'), {
      target: { value: 'Alert on certificate expiry' },
    });
    await waitFor(
      () =>
        expect(api.savePostmortem).toHaveBeenCalledWith('pm-1', {
          expectedVersion: 4,
          actionItems: [
            {
              title: 'Alert on certificate expiry',
              owner: 'user:default/guest',
              priority: 'P2',
              status: 'open',
            },
          ],
        }),
      { timeout: 10_000 },
    );
  });

  it('saves the text sections while an action item is invalid, and marks the item', async () => {
    const api = apiWith();
    api.savePostmortem.mockResolvedValue(makePostmortemDetails({ version: 5 }));
    renderPage(api);
    await user.click(
      await screen.findByRole('button', { name: 'Add action item' }),
    );
    // The new item's title is focused, and left empty.
    const title = screen.getByLabelText(/^Action item 1 title/);
    expect(title).toHaveFocus();
    for (const [label, value] of [
      [/^Summary/, 'Checkout failed for 20 minutes.'],
      [/^Resolution/, 'Rolled back v2.3.'],
      [/^Detection/, 'The burn-rate alert paged after 4 minutes.'],
    ] as const) {
      fireEvent.change(screen.getByLabelText(label), { target: { value } });
    }

    await waitFor(() => expect(api.savePostmortem).toHaveBeenCalledTimes(1), {
      timeout: 10_000,
    });
    // The whole PUT: every text section, no action items.
    expect(api.savePostmortem.mock.calls[0]).toEqual([
      'pm-1',
      {
        expectedVersion: 4,
        summary: 'Checkout failed for 20 minutes.',
        resolution: 'Rolled back v2.3.',
        detection: 'The burn-rate alert paged after 4 minutes.',
      },
    ]);
    // The item is marked where it is, scrolled to, and kept in the draft.
    await waitFor(() => expect(title).toHaveAttribute('aria-invalid', 'true'));
    const row = screen.getAllByTestId('action-item-row')[0];
    expect(within(row).getByText('Title is required')).toBeInTheDocument();
    expect(scrolledTo).toContain(title);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Not saved: Action item 1: title is required; everything else is saved',
    );
    expect(screen.getByTestId('postmortem-problems')).toHaveTextContent(
      'Action item 1: title is required',
    );
    expect(storedDraft()).toMatchObject({
      baseVersion: 5,
      fields: {
        summary: 'Checkout failed for 20 minutes.',
        actionItems: [expect.objectContaining({ title: '' })],
      },
    });

    // Fixed, it is saved and no longer marked.
    fireEvent.change(title, { target: { value: 'Add a canary stage' } });
    expect(title).not.toHaveAttribute('aria-invalid', 'true');
    await waitFor(
      () =>
        expect(api.savePostmortem).toHaveBeenLastCalledWith('pm-1', {
          expectedVersion: 5,
          actionItems: [
            {
              title: 'Add a canary stage',
              owner: 'user:default/guest',
              priority: 'P2',
              status: 'open',
            },
          ],
        }),
      { timeout: 10_000 },
    );
  });

  it('refuses to publish while a change cannot be saved, naming it and going to it', async () => {
    const api = apiWith(
      makePostmortemDetails({
        state: 'in_review',
        actionItems: [
          {
            id: 'ai-1',
            title: 'Add a canary stage',
            owner: 'group:default/payments',
            priority: 'P1',
            status: 'open',
          },
        ],
      }),
    );
    renderPage(api);
    await user.click(
      await screen.findByRole('button', { name: 'Add action item' }),
    );
    const title = screen.getByLabelText(/^Action item 2 title/);
    await user.click(screen.getByLabelText(/^Summary/));

    await user.click(screen.getByRole('button', { name: 'Publish' }));
    expect(
      await screen.findByText(
        'Action item 2: title is required — fix it before publishing.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(api.changePostmortemState).not.toHaveBeenCalled();
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(
      within(screen.getAllByTestId('action-item-row')[1]).getByText(
        'Title is required',
      ),
    ).toBeInTheDocument();
    expect(scrolledTo).toContain(title);
    expect(title).toHaveFocus();
    // The draft keeps the invalid item.
    expect(storedDraft().fields.actionItems).toHaveLength(2);
  });

  it('picks an action item owner from the catalog', async () => {
    const api = apiWith();
    renderPage(api);
    await user.click(
      await screen.findByRole('button', { name: 'Add action item' }),
    );
    fireEvent.change(screen.getByLabelText('Action item 1 title'), {
      target: { value: 'Alert on certificate expiry' },
    });
    const owner = screen.getByLabelText('Action item 1 owner');
    // The signed-in user until someone else is picked.
    expect(owner).toHaveValue('user:default/guest');
    await user.clear(owner);
    await user.type(owner, 'pay');
    const option = await screen.findByRole('option', { name: /Payments/ });
    expect(option).toHaveTextContent('Group');
    await user.click(option);
    expect(owner).toHaveValue('group:default/payments');
    await waitFor(
      () =>
        expect(api.savePostmortem).toHaveBeenCalledWith('pm-1', {
          expectedVersion: 4,
          actionItems: [
            {
              title: 'Alert on certificate expiry',
              owner: 'group:default/payments',
              priority: 'P2',
              status: 'open',
            },
          ],
        }),
      { timeout: 10_000 },
    );
  });
});
