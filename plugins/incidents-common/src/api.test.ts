import { alertRunbookUrl, isAllowedPostmortemTransition } from './api';

describe('alertRunbookUrl', () => {
  it.each([
    [
      { runbook_url: 'https://docs.example/runbook' },
      'https://docs.example/runbook',
    ],
    [
      { runbook: 'http://localhost:3000/docs/x' },
      'http://localhost:3000/docs/x',
    ],
    [{ runbook_url: 'javascript' + ':alert(1)' }, undefined],
    [{ summary: 'no runbook' }, undefined],
    [undefined, undefined],
  ])('%o → %s', (annotations, expected) => {
    expect(alertRunbookUrl(annotations)).toBe(expected);
  });
});

describe('isAllowedPostmortemTransition', () => {
  it.each([
    ['draft', 'in_review', true],
    ['draft', 'published', true],
    ['in_review', 'draft', true],
    ['in_review', 'published', true],
    ['published', 'draft', false],
    ['published', 'in_review', false],
    ['draft', 'draft', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(isAllowedPostmortemTransition(from, to)).toBe(allowed);
  });
});
