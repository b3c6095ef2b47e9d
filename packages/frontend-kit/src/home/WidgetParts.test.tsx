import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { AllClear, ListFooter } from './WidgetParts';

describe('home widget parts', () => {
  it('AllClear shows its text beside a check mark', async () => {
    await renderInTestApp(<AllClear>All SLOs are within budget.</AllClear>);
    expect(screen.getByText('All SLOs are within budget.')).toBeInTheDocument();
  });

  it.each([
    [8, 12, 'Showing 8 of 12 open incidents. See all'],
    [3, 3, 'See all'],
  ])('ListFooter with %i of %i reads "%s"', async (shown, total, text) => {
    await renderInTestApp(
      <ListFooter shown={shown} total={total} noun="open incidents">
        See all
      </ListFooter>,
    );
    expect(screen.getByText(text)).toBeInTheDocument();
  });
});
