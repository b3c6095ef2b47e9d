import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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
});
