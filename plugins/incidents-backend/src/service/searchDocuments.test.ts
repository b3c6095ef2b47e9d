import {
  Incident,
  Postmortem,
  declareIncident,
} from '@vigil/backstage-plugin-incidents-common';
import type { IncidentStore } from '../database/IncidentStore';
import { toSearchDocuments } from './searchDocuments';

const NOW = '2026-11-01T10:00:00.000Z';
const { incident } = declareIncident(
  {
    title: 'Scores time out',
    summary:
      '**Scoring** p99 is *4 s*; see [the dashboard](https://grafana.example/d/1) and `kubectl rollout undo`.',
    severity: 'SEV2',
    entityRefs: ['component:default/scoring-api'],
  },
  'inc-1',
  'user:default/alice',
  NOW,
);

const postmortem: Postmortem = {
  id: 'pm-1',
  incidentId: 'inc-1',
  title: 'Scores time out',
  state: 'published',
  authors: [],
  summary: '<!-- What happened -->\n## What happened\n\nA **cache stampede**.',
  impact: '| Metric | Value |\n| --- | --- |\n| Failed requests | 2 % |',
  rootCauses: '- TTLs expire _together_\n- no jitter',
  trigger: '> The 10:00 deploy',
  resolution: '',
  detection: '',
  actionItems: [
    {
      id: 'a1',
      title: 'Add `jitter`',
      owner: 'group:default/payments',
      priority: 'P1',
      status: 'open',
    },
  ],
  lessonsLearned: { whatWentWell: '', whatWentWrong: '', whereWeGotLucky: '' },
  timeline: [],
  supportingInformation: '',
  createdAt: NOW,
  updatedAt: NOW,
  publishedAt: NOW,
  version: 3,
};

const store = {
  searchIncidents: async () => ({
    items: [
      { incident: incident as Incident, notes: ['Rolled back, **fixed**'] },
    ],
  }),
  searchPublishedPostmortems: async () => ({
    items: [{ postmortem, incident: incident as Incident }],
  }),
} as unknown as IncidentStore;

describe('search documents', () => {
  it('index an incident’s summary and notes as plain text', async () => {
    const { items } = await toSearchDocuments(
      store,
      'incidents',
      undefined,
      10,
    );
    expect(items[0].text).toBe(
      [
        'Scoring p99 is 4 s; see the dashboard and kubectl rollout undo.',
        'Status: investigating. Affected: component:default/scoring-api.',
        'Rolled back, fixed',
      ].join('\n'),
    );
  });

  it('index a published postmortem’s sections as plain text, without the template’s prompts', async () => {
    const { items } = await toSearchDocuments(
      store,
      'postmortems',
      undefined,
      10,
    );
    expect(items[0].text).toBe(
      [
        'What happened\n\nA cache stampede.',
        'Metric Value\nFailed requests 2 %',
        'TTLs expire together\nno jitter',
        'The 10:00 deploy',
        'Add jitter',
      ].join('\n'),
    );
    expect(items[0].text).not.toMatch(/[*_`#|<>[\]]/);
  });
});
