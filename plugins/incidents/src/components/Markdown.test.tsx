import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { Markdown, withoutComments } from './Markdown';

describe('Markdown', () => {
  it.each([
    ['<!-- prompt -->\n', '\n'],
    ['Real text <!-- prompt --> more', 'Real text  more'],
    ['<!-- a\nmultiline\nprompt -->Text', 'Text'],
  ])('drops template prompts from %j', (input, expected) => {
    expect(withoutComments(input)).toBe(expected);
  });

  it('shows a section holding only its prompt as not recorded', async () => {
    await renderInTestApp(<Markdown text={'<!-- What happened? -->\n'} />);
    expect(screen.getByText('None recorded.')).toBeInTheDocument();
    expect(screen.queryByText(/What happened/)).not.toBeInTheDocument();
  });
});
