import {
  entityRefOfRoute,
  isTicketActive,
  nextTicketStatuses,
  routeOf,
  summarize,
  ticketTransitionProblem,
} from './logic';

describe('nextTicketStatuses', () => {
  it.each([
    ['open', ['in-progress', 'resolved', 'closed']],
    ['in-progress', ['open', 'resolved', 'closed']],
    ['resolved', ['open', 'closed']],
    ['closed', ['open']],
  ] as const)('from %s: %j', (from, next) => {
    expect(nextTicketStatuses(from)).toEqual(next);
  });
});

describe('ticketTransitionProblem', () => {
  it.each([
    ['open', 'in-progress', undefined],
    ['open', 'closed', undefined],
    ['resolved', 'open', undefined],
    ['closed', 'open', undefined],
    ['open', 'open', 'The ticket is already Open'],
    ['closed', 'resolved', 'A Closed ticket cannot become Resolved'],
    ['resolved', 'in-progress', 'A Resolved ticket cannot become In progress'],
  ] as const)('%s to %s: %s', (from, to, problem) => {
    expect(ticketTransitionProblem(from, to)).toBe(problem);
  });
});

describe('isTicketActive', () => {
  it.each([
    ['open', true],
    ['in-progress', true],
    ['resolved', false],
    ['closed', false],
  ] as const)('%s: %s', (status, active) => {
    expect(isTicketActive(status)).toBe(active);
  });
});

describe('routeOf', () => {
  it.each([
    ['http://localhost:3000/slo?token=abc#x', '/slo'],
    [
      '/catalog/default/component/vigil?tab=slo',
      '/catalog/default/component/vigil',
    ],
    ['/', '/'],
    ['', undefined],
    [undefined, undefined],
    [`/${'a'.repeat(600)}`, `/${'a'.repeat(499)}`],
  ])('%s is %s', (url, route) => {
    expect(routeOf(url)).toBe(route);
  });
});

describe('summarize', () => {
  it.each([
    ['  short  ', 'short'],
    ['first line\nsecond', 'first line'],
    ['x'.repeat(130), `${'x'.repeat(119)}…`],
    ['', ''],
  ])('%j', (text, summary) => {
    expect(summarize(text)).toBe(summary);
  });
});

describe('entityRefOfRoute', () => {
  it.each([
    ['/catalog/default/component/scoring-api', 'component:default/scoring-api'],
    ['/catalog/default/Component/vigil/slo', 'component:default/vigil'],
    ['/docs/default/component/vigil/help/support/', 'component:default/vigil'],
    ['/catalog', undefined],
    ['/slos', undefined],
    [undefined, undefined],
  ])('%s is %s', (path, ref) => {
    expect(entityRefOfRoute(path)).toBe(ref);
  });
});
