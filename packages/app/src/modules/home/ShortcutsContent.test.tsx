import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { ShortcutsContent } from './ShortcutsContent';

describe('ShortcutsContent', () => {
  it('links to runbooks, docs and the main pages', async () => {
    renderInTestApp(<ShortcutsContent />);

    const items = await screen.findAllByTestId('shortcut');
    expect(
      items.map(item => {
        const link = within(item).getByRole('link');
        return [link.textContent, link.getAttribute('href')];
      }),
    ).toEqual([
      ['Runbooks', '/docs'],
      ['Scoring API runbooks', '/docs/default/component/scoring-api'],
      ['SLOs', '/slos'],
      ['Incidents', '/incidents'],
      ['Catalog', '/catalog'],
      ['Search', '/search'],
    ]);
    expect(items[0]).toHaveTextContent(
      'The docs of every service, runbooks included',
    );
  });
});
