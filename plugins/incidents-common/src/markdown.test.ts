import { postmortemToMarkdown } from './markdown';
import { postmortemSchema } from './model';
import { T0, at, makeIncident } from './__testUtils__/fixtures';

const incident = makeIncident({
  status: 'resolved',
  roles: { commander: 'user:default/alice' },
  timestamps: { declaredAt: T0, acknowledgedAt: at(2), resolvedAt: at(40) },
});
const postmortem = postmortemSchema.parse({
  id: 'pm-1',
  incidentId: 'inc-1',
  title: 'Checkout errors after deploy',
  state: 'published',
  authors: ['user:default/alice'],
  summary: 'Checkout returned 500s for 40 minutes.',
  impact: '12% of checkouts failed.',
  rootCauses: 'A config | flag was flipped.',
  actionItems: [
    {
      id: 'a1',
      title: 'Add | canary',
      owner: 'group:default/payments',
      priority: 'P1',
      status: 'open',
      dueDate: '2024-06-01',
      link: 'https://example.com/1',
    },
  ],
  lessonsLearned: {
    whatWentWell: 'Alert fired fast.',
    whereWeGotLucky: 'Low traffic.',
  },
  timeline: [
    { at: at(40), text: 'Resolved' },
    { at: at(0), text: 'Alert fired' },
  ],
  createdAt: at(60),
  updatedAt: at(60),
  version: 1,
});

describe('postmortemToMarkdown', () => {
  const md = postmortemToMarkdown(postmortem, incident);

  it('has the title and an incident facts table', () => {
    expect(md.startsWith('# Postmortem: Checkout errors after deploy\n')).toBe(
      true,
    );
    expect(md).toContain('| Severity | SEV2 |');
    expect(md).toContain('| Commander | user:default/alice |');
    expect(md).toContain(`| Resolved | ${at(40)} |`);
    expect(md).not.toContain('| Closed |');
  });

  it('renders the SRE template sections in order', () => {
    const headings = md
      .split('\n')
      .filter(l => l.startsWith('#'))
      .slice(1);
    expect(headings).toEqual([
      '## Summary',
      '## Impact',
      '## Root Causes',
      '## Trigger',
      '## Resolution',
      '## Detection',
      '## Action Items',
      '## Lessons Learned',
      '### What went well',
      '### What went wrong',
      '### Where we got lucky',
      '## Timeline',
      '## Supporting Information',
    ]);
  });

  it('marks empty sections and escapes table cells', () => {
    expect(md).toContain('## Trigger\n\n_None recorded._');
    expect(md).toContain('### What went wrong\n\n_None recorded._');
    expect(md).toContain(
      '| [Add \\| canary](https://example.com/1) | group:default/payments | P1 | open | 2024-06-01 |',
    );
    expect(md).toContain('A config | flag was flipped.');
  });

  it('sorts the timeline', () => {
    expect(md.indexOf('Alert fired')).toBeLessThan(md.indexOf('Resolved\n'));
  });
});
