import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { HelpIcon } from './HelpIcon';
import { helpDocsPath, helpTopics } from './helpTopics';

describe('HelpIcon', () => {
  it('is a labelled button that opens the topic and links to its help page', async () => {
    await renderInTestApp(<HelpIcon topic="burn-rate" />);
    const button = screen.getByTestId('help-icon-burn-rate');
    expect(button).toHaveAccessibleName('Help: Burn rate');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    fireEvent.click(button);

    const dialog = await screen.findByRole('dialog', { name: 'Burn rate' });
    expect(dialog).toHaveAttribute('data-testid', 'help-popover-burn-rate');
    expect(dialog).toHaveTextContent(helpTopics['burn-rate'].summary);
    expect(screen.getByTestId('help-read-more-burn-rate')).toHaveAttribute(
      'href',
      '/docs/default/component/vigil/help/slos/#burn-rate',
    );
    expect(button).toHaveAttribute('aria-expanded', 'true');
  });

  it('closes on Escape', async () => {
    await renderInTestApp(<HelpIcon topic="incident-status" />);
    fireEvent.click(screen.getByTestId('help-icon-incident-status'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('does not pass its click to a clickable header around it', async () => {
    const onHeaderClick = jest.fn();
    await renderInTestApp(
      // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions
      <div onClick={onHeaderClick}>
        Status <HelpIcon topic="slo-status" />
      </div>,
    );
    fireEvent.click(screen.getByTestId('help-icon-slo-status'));
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    expect(onHeaderClick).not.toHaveBeenCalled();
  });
});

describe('helpDocsPath', () => {
  it.each([
    ['burn-rate', '/docs/default/component/vigil/help/slos/#burn-rate'],
    ['incident', '/docs/default/component/vigil/help/incidents/'],
    ['sandbox', '/docs/default/component/vigil/help/sandbox/'],
  ] as const)('%s is at %s', (topic, path) => {
    expect(helpDocsPath(topic)).toBe(path);
  });

  it('every topic has a title, a summary of one paragraph and a page', () => {
    for (const [id, topic] of Object.entries(helpTopics)) {
      expect({ id, title: topic.title.length > 0 }).toEqual({
        id,
        title: true,
      });
      expect({ id, summary: /\n/.test(topic.summary) }).toEqual({
        id,
        summary: false,
      });
      expect(topic.summary.length).toBeLessThanOrEqual(420);
      expect(topic.page).toMatch(/^[a-z0-9-]+$/);
    }
  });
});
