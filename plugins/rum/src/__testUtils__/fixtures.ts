import type {
  RumApi,
  RumErrorGroup,
  RumUsage,
} from '@vigil/backstage-plugin-rum-common';

export const errorGroup: RumErrorGroup = {
  fingerprint: '0123456789abcdef',
  type: 'TypeError',
  message: "Cannot read properties of undefined (reading 'id')",
  normalizedMessage: 'Cannot read properties of undefined (reading <str>)',
  topFrame: 'explodeOnClick (plugins/rum/src/components/ExplodingWidget.tsx)',
  count: 7,
  sessionCount: 3,
  firstSeen: '2026-11-30T10:00:00.000Z',
  lastSeen: '2026-12-01T13:00:00.000Z',
  lastRelease: '1.4.0+3f2a1bc',
  releases: ['1.4.0+3f2a1bc'],
  routes: ['/catalog/:namespace/:kind/:name'],
};

export const usage: RumUsage = {
  range: '24h',
  from: '2026-11-30T14:00:00.000Z',
  to: '2026-12-01T14:00:00.000Z',
  users: 4,
  sessions: 9,
  errorSessions: 1,
  pageLoads: 57,
  routes: [
    {
      route: '/catalog/:namespace/:kind/:name/health',
      pageLoads: 12,
      lcpP75Seconds: 3.1,
      lcpSamples: 10,
    },
    { route: '/catalog', pageLoads: 30, lcpP75Seconds: 1.2, lcpSamples: 25 },
    { route: '/search', pageLoads: 15, lcpP75Seconds: null, lcpSamples: 0 },
  ],
};

/** A RumApi answering the fixtures (jest.fn, to assert on calls). */
export function fakeRumApi(
  overrides: Partial<RumApi> = {},
): jest.Mocked<RumApi> {
  return {
    listErrorGroups: jest.fn(async () => ({
      items: [errorGroup],
      totalCount: 1,
    })),
    getErrorGroup: jest.fn(async () => ({
      ...errorGroup,
      mapped: true,
      stack: [
        {
          function: 'explodeOnClick',
          filename: 'plugins/rum/src/components/ExplodingWidget.tsx',
          lineno: 12,
          colno: 5,
        },
      ],
      rawStack: [
        {
          function: 'a',
          filename: 'http://localhost:3000/static/main.1a2b3c4d.js',
          lineno: 1,
          colno: 10,
        },
      ],
    })),
    getUsage: jest.fn(async () => usage),
    ...overrides,
  } as jest.Mocked<RumApi>;
}
