import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RumApiError } from '@vigil/backstage-plugin-rum-common';
import { rumApiRef } from '../api/RumApi';
import { fakeRumApi } from '../__testUtils__/fixtures';
import { ErrorsPage } from './ErrorsPage';

jest.setTimeout(30_000);

describe('ErrorsPage', () => {
  it('lists error groups and opens the source-mapped stack of one', async () => {
    const api = fakeRumApi();
    await renderInTestApp(<ErrorsPage />, { apis: [[rumApiRef, api]] });
    const row = await screen.findByTestId('rum-error-group');
    expect(row).toHaveTextContent(
      "TypeError: Cannot read properties of undefined (reading 'id')",
    );
    expect(row).toHaveTextContent('1.4.0+3f2a1bc');
    expect(row).toHaveTextContent('7');

    await userEvent.click(screen.getByRole('button', { name: /TypeError/ }));
    expect(await screen.findByTestId('rum-error-stack')).toHaveTextContent(
      'at explodeOnClick (plugins/rum/src/components/ExplodingWidget.tsx:12:5)',
    );
    expect(screen.getByTestId('rum-error-details')).toHaveTextContent(
      /mapped to the sources/,
    );
    expect(api.getErrorGroup).toHaveBeenCalledWith('0123456789abcdef');
  });

  it('says when nothing was reported', async () => {
    const api = fakeRumApi({
      listErrorGroups: jest.fn(async () => ({ items: [], totalCount: 0 })),
    });
    await renderInTestApp(<ErrorsPage />, { apis: [[rumApiRef, api]] });
    expect(await screen.findByText('No JavaScript errors')).toBeInTheDocument();
  });

  it("shows the backend's reason to users who are not portal admins", async () => {
    const api = fakeRumApi({
      listErrorGroups: jest.fn(async () => {
        throw new RumApiError(
          'Request failed with 403 Forbidden: Only portal admins may read the JavaScript errors (permission rum.errors.read)',
          403,
          undefined,
        );
      }),
    });
    await renderInTestApp(<ErrorsPage />, { apis: [[rumApiRef, api]] });
    expect(
      (await screen.findAllByText(/Only portal admins/)).length,
    ).toBeGreaterThan(0);
  });
});
