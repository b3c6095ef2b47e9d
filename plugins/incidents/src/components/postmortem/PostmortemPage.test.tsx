import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { incidentsApiRef, IncidentsConflictError } from '../../api';
import { draftKey, writeDraft } from '../../lib/postmortemDraft';
import { fieldsFromPostmortem } from '../../lib/postmortemFields';
import { rootRouteRef } from '../../lib/routes';
import {
  fakeCatalog,
  fakeIncidentsApi,
  FakeIncidentsApi,
  makeDetails,
  makePostmortemDetails,
} from '../../__testUtils__/fixtures';
import { PostmortemPage } from './PostmortemPage';

jest.setTimeout(60_000);

const KEY = draftKey('pm-1');
const storedDraft = () => {
  const raw = window.localStorage.getItem(KEY);
  return raw ? JSON.parse(raw) : undefined;
};

function apiWith(details = makePostmortemDetails()): FakeIncidentsApi {
  return fakeIncidentsApi({
    getIncident: jest.fn(async () =>
      makeDetails(
        {
          postmortem: {
            id: 'pm-1',
            state: details.postmortem.state,
            version: details.postmortem.version,
          },
        },
        { status: 'resolved' },
      ),
    ),
    getPostmortem: jest.fn(async () => details),
  });
}

function renderPage(api: FakeIncidentsApi) {
  return renderInTestApp(<PostmortemPage />, {
    apis: [
      [incidentsApiRef, api],
      mockApis.identity({ userEntityRef: 'user:default/guest' }),
      fakeCatalog().catalog,
    ],
    mountedRoutes: { '/incidents': rootRouteRef },
    mountPath: '/incidents/:incidentId/postmortem',
    initialRouteEntries: ['/incidents/inc-1/postmortem'],
  });
}

describe('PostmortemPage', () => {
  // jsdom has no scrollIntoView: record which elements were scrolled to.
  const scrolledTo: Element[] = [];
  beforeEach(() => {
    window.localStorage.clear();
    scrolledTo.length = 0;
    Element.prototype.scrollIntoView = function record(this: Element) {
      scrolledTo.push(this);
    };
  });
  afterEach(() => {
    delete (Element.prototype as Partial<Element>).scrollIntoView;
  });

  it('has a labelled field for every section of the template', async () => {
    renderPage(apiWith());
    for (const label of [
      'Title',
      'Authors',
      'Summary',
      'Impact',
      'Root causes',
      'Trigger',
      'Resolution',
      'Detection',
      'What went well',
      'What went wrong',
      'Where we got lucky',
      'Supporting information',
    ]) {
      expect(
        await screen.findByRole('textbox', {
          name: (name: string) => name.startsWith(label),
        }),
      ).toBeInTheDocument();
    }
    expect(screen.getByLabelText(/^Summary/)).toHaveValue('Checkout failed.');
    // Authors are chips of the picker.
    expect(
      screen
        .getAllByTestId('entity-ref-chip')
        .map(chip => chip.getAttribute('data-entity-ref')),
    ).toEqual(['user:default/alice']);
    expect(screen.getByLabelText('Timeline entry 1 text')).toHaveValue(
      'Incident declared',
    );
    expect(screen.getByRole('status')).toHaveTextContent('All changes saved');
  });

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

  it('adds an action item and saves it with the others', async () => {
    const api = apiWith();
    renderPage(api);
    await userEvent.click(
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
    await userEvent.click(
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
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add action item' }),
    );
    const title = screen.getByLabelText(/^Action item 2 title/);
    await userEvent.click(screen.getByLabelText(/^Summary/));

    await userEvent.click(screen.getByRole('button', { name: 'Publish' }));
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

  it('shows the template guidance as placeholder and help, never as raw comments', async () => {
    const api = apiWith(
      makePostmortemDetails({
        summary:
          'Payments fail with **500**.\n\n<!-- What happened, in two or three sentences. -->\n',
        impact:
          '<!-- Who was affected and how: users, requests, revenue, error budget spent. -->\n',
      }),
    );
    renderPage(api);
    const summary = await screen.findByLabelText(/^Summary/);
    expect(summary).toHaveValue('Payments fail with **500**.');
    const impact = screen.getByLabelText(/^Impact/);
    expect(impact).toHaveValue('');
    expect(impact).toHaveAttribute(
      'placeholder',
      'Who was affected and how: users, requests, revenue, error budget spent.',
    );
    // With text, the guidance is the help text below the field.
    expect(
      screen.getByText('What happened, in two or three sentences. · Markdown'),
    ).toBeInTheDocument();
    for (const field of screen.getAllByRole('textbox')) {
      expect((field as HTMLInputElement).value).not.toContain('<!--');
    }
    expect(document.body.textContent).not.toContain('<!--');
    // Loading is not an edit.
    expect(screen.getByRole('status')).toHaveTextContent('All changes saved');

    fireEvent.change(summary, {
      target: { value: 'Payments fail with **500**. Rolled back.' },
    });
    await waitFor(
      () =>
        expect(api.savePostmortem).toHaveBeenCalledWith('pm-1', {
          expectedVersion: 4,
          summary: 'Payments fail with **500**. Rolled back.',
        }),
      { timeout: 10_000 },
    );
  });

  it('picks an action item owner from the catalog', async () => {
    const api = apiWith();
    renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add action item' }),
    );
    fireEvent.change(screen.getByLabelText('Action item 1 title'), {
      target: { value: 'Alert on certificate expiry' },
    });
    const owner = screen.getByLabelText('Action item 1 owner');
    // The signed-in user until someone else is picked.
    expect(owner).toHaveValue('user:default/guest');
    await userEvent.clear(owner);
    await userEvent.type(owner, 'pay');
    const option = await screen.findByRole('option', { name: /Payments/ });
    expect(option).toHaveTextContent('Group');
    await userEvent.click(option);
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

  it('adds an author picked from the catalog', async () => {
    const api = apiWith();
    renderPage(api);
    await userEvent.type(await screen.findByLabelText('Authors'), 'bob');
    await userEvent.click(
      await screen.findByRole('option', { name: /Bob Jones/ }),
    );
    await waitFor(
      () =>
        expect(api.savePostmortem).toHaveBeenCalledWith('pm-1', {
          expectedVersion: 4,
          authors: ['user:default/alice', 'user:default/bob'],
        }),
      { timeout: 10_000 },
    );
  });

  it('previews a section as rendered Markdown without touching the text', async () => {
    const api = apiWith();
    api.savePostmortem.mockResolvedValue(
      makePostmortemDetails({
        impact: '**All** card payments failed <!-- Who was affected? -->',
        version: 5,
      }),
    );
    renderPage(api);
    fireEvent.change(await screen.findByLabelText(/^Impact/), {
      target: {
        value: '**All** card payments failed <!-- Who was affected? -->',
      },
    });
    const section = screen.getByTestId('markdown-field-postmortem-impact');
    const write = within(section).getByRole('button', { name: 'Write' });
    expect(write).toHaveAttribute('aria-pressed', 'true');

    await userEvent.click(
      within(section).getByRole('button', { name: 'Preview' }),
    );
    expect(within(section).getByText('All').tagName).toBe('STRONG');
    expect(within(section).getByText(/card payments failed/)).toBeVisible();
    // The template's prompt is guidance, not content.
    expect(within(section).queryByText(/Who was affected/)).toBeNull();
    expect(screen.queryByLabelText(/^Impact/)).not.toBeInTheDocument();
    // Other sections stay editable.
    expect(screen.getByLabelText(/^Trigger/)).toBeInTheDocument();

    // Previewing does not hold up the autosave.
    await waitFor(
      () =>
        expect(api.savePostmortem).toHaveBeenCalledWith('pm-1', {
          expectedVersion: 4,
          impact: '**All** card payments failed <!-- Who was affected? -->',
        }),
      { timeout: 10_000 },
    );

    await userEvent.click(write);
    expect(screen.getByLabelText(/^Impact/)).toHaveValue(
      '**All** card payments failed <!-- Who was affected? -->',
    );
  });

  it('previews an empty section as such', async () => {
    renderPage(apiWith());
    const section = await screen.findByTestId(
      'markdown-field-postmortem-whereWeGotLucky',
    );
    await userEvent.click(
      within(section).getByRole('button', { name: 'Preview' }),
    );
    expect(
      within(section).getByText('Nothing to preview yet.'),
    ).toBeInTheDocument();
  });

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
