import { screen, within } from '@testing-library/react';
import {
  ALERT_OPENED,
  ALICE,
  at,
  makeDetails,
} from '../../__testUtils__/fixtures';
import { renderPage, withDetails } from './__testUtils__/incidentPage';

jest.setTimeout(60_000);

const paged = (
  id: number,
  minute: number,
  userRefs: string[],
  step: number,
) => ({
  id,
  type: 'paged' as const,
  at: at(minute),
  actor: 'plugin:oncall',
  userRefs,
  policyName: 'Payments escalation',
  stepIndex: step,
  repeatIndex: 0,
});

describe('IncidentPage: paging', () => {
  it('shows who on-call paged, step by step, and that nobody acknowledged yet', async () => {
    renderPage(
      withDetails(
        makeDetails(
          {
            timeline: [
              paged(1, 1, ['user:default/carol'], 0),
              paged(2, 6, ['user:default/alice'], 1),
            ],
          },
          ALERT_OPENED,
        ),
      ),
    );
    const panel = await screen.findByTestId('incident-paging');
    expect(panel).toHaveTextContent('Paged carol');
    expect(panel).toHaveTextContent('Payments escalation, step 1');
    expect(panel).toHaveTextContent('Payments escalation, step 2');
    expect(
      within(panel).getByTestId('incident-paging-acknowledged'),
    ).toHaveTextContent('Not acknowledged yet: escalation continues');
  });

  it('shows who acknowledged the page', async () => {
    renderPage(
      withDetails(
        makeDetails(
          { timeline: [paged(1, 1, ['user:default/alice'], 0)] },
          {
            ...ALERT_OPENED,
            timestamps: {
              declaredAt: ALERT_OPENED.timestamps!.declaredAt,
              acknowledgedAt: at(3),
            },
            acknowledgedBy: ALICE,
          },
        ),
      ),
    );
    expect(
      await screen.findByTestId('incident-paging-acknowledged'),
    ).toHaveTextContent(/Acknowledged by alice .*escalation stopped/);
  });

  it('says when nobody could be paged', async () => {
    renderPage(
      withDetails(
        makeDetails({
          timeline: [
            {
              id: 1,
              type: 'paging_unavailable',
              at: at(1),
              actor: 'plugin:incidents',
              reason: 'no-policy',
              message:
                'No escalation policy covers component:default/scoring-api; owners notified',
            },
          ],
        }),
      ),
    );
    expect(await screen.findByTestId('incident-paging')).toHaveTextContent(
      'Nobody was paged: No escalation policy covers',
    );
  });
});
