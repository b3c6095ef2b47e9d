import { render, screen } from '@testing-library/react';
import { CommaSeparated } from './CommaSeparated';

describe('CommaSeparated', () => {
  it.each([
    { items: [], text: 'nobody' },
    { items: ['a'], text: '<a>' },
    { items: ['a', 'b', 'c'], text: '<a>, <b>, <c>' },
  ])('renders $items as "$text"', ({ items, text }) => {
    render(
      <p data-testid="list">
        <CommaSeparated
          items={items}
          render={item => `<${item}>`}
          empty="nobody"
        />
      </p>,
    );
    expect(screen.getByTestId('list').textContent).toBe(text);
  });
});
