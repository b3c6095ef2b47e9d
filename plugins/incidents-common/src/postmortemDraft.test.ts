import { draftPostmortem, PostmortemTemplateText } from './postmortemDraft';
import { T0, makeIncident } from './__testUtils__/fixtures';

const template: PostmortemTemplateText = {
  summary: 'S',
  impact: 'I',
  rootCauses: 'RC',
  trigger: 'T',
  resolution: 'R',
  detection: 'D',
  whatWentWell: 'W1',
  whatWentWrong: 'W2',
  whereWeGotLucky: 'W3',
  supportingInformation: 'SI',
};

describe('draftPostmortem', () => {
  it.each([
    [
      'a user starts it: they are its author',
      'user:default/alice',
      '',
      ['user:default/alice'],
      'S',
    ],
    ['a service starts it: no author', 'plugin:catalog', '', [], 'S'],
    [
      "the incident's summary goes above the template's",
      'user:default/bob',
      'Checkout down',
      ['user:default/bob'],
      'Checkout down\n\nS',
    ],
  ])('%s', (_name, actor, summary, authors, expectedSummary) => {
    const incident = makeIncident({ summary });
    const draft = draftPostmortem({
      id: 'pm-1',
      incident,
      timeline: [],
      template,
      actor,
      now: T0,
    });
    expect(draft).toMatchObject({
      id: 'pm-1',
      incidentId: incident.id,
      title: incident.title,
      state: 'draft',
      authors,
      summary: expectedSummary,
      impact: 'I',
      rootCauses: 'RC',
      trigger: 'T',
      resolution: 'R',
      detection: 'D',
      actionItems: [],
      lessonsLearned: {
        whatWentWell: 'W1',
        whatWentWrong: 'W2',
        whereWeGotLucky: 'W3',
      },
      supportingInformation: 'SI',
      createdAt: T0,
      updatedAt: T0,
      version: 1,
    });
  });
});
