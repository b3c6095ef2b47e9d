import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SandboxListingSelect } from './SandboxListingSelect';

describe('SandboxListingSelect', () => {
  it.each([
    ['Shown', 'include'],
    ['Only the sandbox', 'only'],
  ])('picking "%s" asks for %s', async (label, listing) => {
    const onChange = jest.fn();
    await renderInTestApp(
      <SandboxListingSelect value="exclude" onChange={onChange} />,
    );
    expect(screen.getByLabelText('Sandbox')).toHaveTextContent('Hidden');
    await userEvent.click(screen.getByLabelText('Sandbox'));
    await userEvent.click(within(screen.getByRole('listbox')).getByText(label));
    expect(onChange).toHaveBeenCalledWith(listing);
  });
});
