import { renderInTestApp } from '@backstage/frontend-test-utils';
import { act, screen } from '@testing-library/react';
import { RelativeTime } from './RelativeTime';

describe('RelativeTime', () => {
  beforeEach(() =>
    jest.useFakeTimers({ now: Date.parse('2025-03-10T10:00:41Z') }),
  );
  afterEach(() => jest.useRealTimers());

  it('ticks instead of freezing at the age it was first drawn with', async () => {
    await renderInTestApp(<RelativeTime time="2025-03-10T10:00:00Z" />);
    expect(screen.getByText('41 seconds ago')).toBeInTheDocument();

    await act(async () => {
      jest.advanceTimersByTime(5_000);
    });
    expect(screen.getByText('46 seconds ago')).toBeInTheDocument();

    await act(async () => {
      jest.advanceTimersByTime(60_000);
    });
    expect(screen.getByText('1 minute ago')).toBeInTheDocument();
  });

  it('says when it was never evaluated', async () => {
    await renderInTestApp(<RelativeTime time={null} />);
    expect(screen.getByText('never evaluated')).toBeInTheDocument();
  });
});
