import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DateTime } from 'luxon';
import { launchGatesApiRef } from '../../api/LaunchGatesApi';
import {
  apiError,
  fakeLaunchGatesApi,
  FakeLaunchGatesApi,
  makeCheck,
  makeReview,
} from '../../__testUtils__/fixtures';
import { toWaiverRequest, WaiverDialog } from './WaiverDialog';

jest.setTimeout(30_000);

const NOW = new Date('2026-12-01T10:00:00Z');
const review = makeReview();
const check = makeCheck();

describe('toWaiverRequest', () => {
  it('asks for a reason of at least 10 characters', () => {
    expect(
      toWaiverRequest(
        'slo-history',
        { reason: ' short ', expiresOn: '2026-12-10' },
        NOW,
      ),
    ).toEqual({ errors: { reason: 'a reason of at least 10 characters' } });
  });

  it('asks for an expiry in the future and at most 180 days away', () => {
    const reason = 'History accrues after launch';
    expect(toWaiverRequest('x', { reason, expiresOn: '' }, NOW)).toEqual({
      errors: { expiresOn: 'Enter when the waiver expires' },
    });
    expect(
      toWaiverRequest('x', { reason, expiresOn: '2026-11-30' }, NOW),
    ).toEqual({ errors: { expiresOn: 'The expiry must be in the future' } });
    expect(
      toWaiverRequest('x', { reason, expiresOn: '2027-07-01' }, NOW),
    ).toEqual({ errors: { expiresOn: 'A waiver lasts at most 180 days' } });
  });

  it('lasts to the end of the chosen day', () => {
    const result = toWaiverRequest(
      'slo-history',
      { reason: '  History accrues after launch ', expiresOn: '2026-12-15' },
      NOW,
    );
    expect(result).toEqual({
      request: {
        checkId: 'slo-history',
        reason: 'History accrues after launch',
        expiresAt: DateTime.fromISO('2026-12-15').endOf('day').toUTC().toISO(),
      },
    });
  });
});

describe('WaiverDialog', () => {
  function render(api: FakeLaunchGatesApi) {
    const onWaived = jest.fn();
    renderInTestApp(
      <WaiverDialog
        review={review}
        check={check}
        onClose={jest.fn()}
        onWaived={onWaived}
      />,
      { apis: [[launchGatesApiRef, api]] },
    );
    return { onWaived };
  }

  it('refuses a short reason before asking the server', async () => {
    const api = fakeLaunchGatesApi(review, { createWaiver: jest.fn() });
    render(api);
    await userEvent.type(await screen.findByLabelText(/Reason/), 'later');
    await userEvent.click(screen.getByRole('button', { name: 'Grant waiver' }));
    expect(
      await screen.findByText('a reason of at least 10 characters'),
    ).toBeVisible();
    expect(api.createWaiver).not.toHaveBeenCalled();
  });

  it("grants a waiver with the reason and expiry, and shows the server's 400 as it says it", async () => {
    const message = 'expiresAt: at most 180 days from now';
    const waived = makeReview({ state: 'open' });
    const api = fakeLaunchGatesApi(review, {
      createWaiver: jest
        .fn()
        .mockRejectedValueOnce(apiError(400, message))
        .mockResolvedValueOnce(waived),
    });
    const { onWaived } = render(api);

    await userEvent.type(
      await screen.findByLabelText(/Reason/),
      'Fresh portal; history accrues after launch',
    );
    const expiry = DateTime.now().plus({ days: 20 }).toISODate()!;
    fireEvent.change(screen.getByLabelText(/Expires on/), {
      target: { value: expiry },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Grant waiver' }));
    expect(await screen.findByText(message)).toBeVisible();
    expect(api.createWaiver).toHaveBeenCalledWith(review.id, {
      checkId: 'slo-history',
      reason: 'Fresh portal; history accrues after launch',
      expiresAt: DateTime.fromISO(expiry).endOf('day').toUTC().toISO(),
    });

    await userEvent.click(screen.getByRole('button', { name: 'Grant waiver' }));
    await waitFor(() => expect(onWaived).toHaveBeenCalledWith(waived));
  });
});
