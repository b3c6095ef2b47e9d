import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { launchGatesApiRef } from '../../api/LaunchGatesApi';
import {
  apiError,
  fakeLaunchGatesApi,
  FakeLaunchGatesApi,
  makeCheck,
  makeReview,
} from '../../__testUtils__/fixtures';
import { AnswerCheckDialog } from './AnswerCheckDialog';

jest.setTimeout(30_000);

const review = makeReview();
const check = makeCheck({
  checkId: 'threat-model',
  title: 'Threat model',
  type: 'manual',
  provider: null,
  question: 'Is there a current threat model?',
  answeredBy: 'sre',
  status: 'pending',
  effectiveStatus: 'pending',
  evidence: null,
});

function render(api: FakeLaunchGatesApi) {
  const onAnswered = jest.fn();
  renderInTestApp(
    <AnswerCheckDialog
      review={review}
      check={check}
      onClose={jest.fn()}
      onAnswered={onAnswered}
    />,
    { apis: [[launchGatesApiRef, api]] },
  );
  return { onAnswered };
}

describe('AnswerCheckDialog', () => {
  it('uploads the file first, then answers naming it', async () => {
    const answered = makeReview({ revision: 2 });
    const api = fakeLaunchGatesApi(review, {
      uploadAttachment: jest.fn(async () => ({
        id: '0d1e2f3a-0000-4000-8000-00000000000a',
        filename: 'threat-model.txt',
        contentType: 'text/plain',
        size: 5,
        sha256: 'b'.repeat(64),
        uploadedBy: 'user:default/alice',
        uploadedAt: new Date().toISOString(),
      })),
      answerCheck: jest.fn(async () => answered),
    });
    const { onAnswered } = render(api);

    expect(
      await screen.findByText('Is there a current threat model?'),
    ).toBeVisible();
    await userEvent.click(screen.getByLabelText('Yes'));
    await userEvent.type(
      screen.getByLabelText(/Comment/),
      'Reviewed with security',
    );
    await userEvent.type(
      screen.getByLabelText(/Evidence link/),
      'https://wiki.example.com/threat-model',
    );
    await userEvent.upload(
      screen.getByLabelText('Evidence file'),
      new File(['hello'], 'threat-model.txt', { type: 'text/plain' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Submit answer' }),
    );

    await waitFor(() => expect(onAnswered).toHaveBeenCalledWith(answered));
    expect(api.uploadAttachment).toHaveBeenCalledWith(review.id, {
      filename: 'threat-model.txt',
      contentType: 'text/plain',
      contentBase64: 'aGVsbG8=',
    });
    expect(api.answerCheck).toHaveBeenCalledWith(review.id, 'threat-model', {
      answer: 'yes',
      comment: 'Reviewed with security',
      link: 'https://wiki.example.com/threat-model',
      attachmentId: '0d1e2f3a-0000-4000-8000-00000000000a',
    });
  });

  it("asks for an answer and a comment, and shows the server's refusal", async () => {
    const message = 'Only SRE (group:default/sre) answers threat-model';
    const api = fakeLaunchGatesApi(review, {
      answerCheck: jest.fn(async () => {
        throw apiError(403, message);
      }),
    });
    render(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Submit answer' }),
    );
    expect(await screen.findByText('Answer yes or no')).toBeVisible();
    expect(screen.getByText('a comment is required')).toBeVisible();
    expect(api.answerCheck).not.toHaveBeenCalled();

    await userEvent.click(screen.getByLabelText('No'));
    await userEvent.type(screen.getByLabelText(/Comment/), 'Not yet');
    await userEvent.click(
      screen.getByRole('button', { name: 'Submit answer' }),
    );
    expect(await screen.findByText(message)).toBeVisible();
  });
});
