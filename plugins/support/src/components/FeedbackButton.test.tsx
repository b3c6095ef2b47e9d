import { configApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeSupportApi } from '../__testUtils__/fakeSupportApi';
import { supportApiRef } from '../api/supportApiRef';
import { FeedbackButton } from './FeedbackButton';

describe('FeedbackButton', () => {
  it('sends a rating and text with the context shown to the user', async () => {
    const { api, calls } = fakeSupportApi();
    window.history.pushState({}, '', '/catalog/default/component/vigil');
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [supportApiRef, api],
          [
            configApiRef,
            mockApis.config({ data: { rum: { release: '1.2.3' } } }),
          ],
        ]}
      >
        <FeedbackButton />
      </TestApiProvider>,
    );
    fireEvent.click(
      within(screen.getByTestId('feedback-button')).getByRole('button'),
    );
    const context = screen.getByTestId('feedback-context');
    expect(context).toHaveTextContent('Entity: component:default/vigil');
    expect(context).toHaveTextContent('App version: 1.2.3');
    expect(screen.getByTestId('feedback-submit')).toBeDisabled();
    fireEvent.click(screen.getByLabelText('4 Stars'));
    fireEvent.change(screen.getByTestId('feedback-text'), {
      target: { value: 'The burn-rate chart helps' },
    });
    fireEvent.click(screen.getByTestId('feedback-submit'));
    await waitFor(() =>
      expect(screen.getByTestId('feedback-done')).toBeInTheDocument(),
    );
    expect(calls.createFeedback).toEqual([
      {
        rating: 4,
        text: 'The burn-rate chart helps',
        context: {
          route: '/catalog/default/component/vigil',
          entityRef: 'component:default/vigil',
          appVersion: '1.2.3',
        },
      },
    ]);
  });
});
