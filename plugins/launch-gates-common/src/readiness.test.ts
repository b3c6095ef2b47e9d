import {
  activeWaiverFor,
  blockersOf,
  canonicalJson,
  claimsInclude,
  countStatuses,
  deriveReviewState,
  effectiveStatus,
  productOwnersOf,
  reviewEvidenceDocument,
  worstStatus,
} from './readiness';

const NOW = new Date('2026-12-01T12:00:00Z');
const waiver = (id: string, checkId: string, expiresAt: string) => ({
  id,
  checkId,
  expiresAt,
  createdAt: '2026-11-30T12:00:00Z',
});

describe('activeWaiverFor', () => {
  const waivers = [
    waiver('expired', 'slo-history', '2026-12-01T11:59:59Z'),
    waiver('short', 'slo-history', '2026-12-02T00:00:00Z'),
    waiver('long', 'slo-history', '2026-12-20T00:00:00Z'),
    waiver('other', 'load-test', '2026-12-20T00:00:00Z'),
  ];

  it.each([
    ['slo-history', NOW, 'long'],
    ['load-test', NOW, 'other'],
    ['runbooks', NOW, undefined],
    // At its expiry instant a waiver no longer counts.
    ['slo-history', new Date('2026-12-20T00:00:00Z'), undefined],
    ['slo-history', new Date('2026-12-19T23:59:59Z'), 'long'],
  ])('%s at %p: %p', (checkId, now, expected) => {
    expect(activeWaiverFor(waivers, checkId, now)?.id).toBe(expected);
  });
});

describe('effectiveStatus', () => {
  it.each([
    ['pass', false, 'pass'],
    ['pass', true, 'pass'],
    ['fail', true, 'waived'],
    ['fail', false, 'fail'],
    ['unknown', true, 'waived'],
    ['pending', true, 'waived'],
    ['pending', false, 'pending'],
  ] as const)('%s waived=%p is %s', (status, waived, expected) => {
    expect(effectiveStatus(status, waived)).toBe(expected);
  });
});

describe('worstStatus and countStatuses', () => {
  it.each([
    [[], 'pass'],
    [['pass', 'waived'], 'waived'],
    [['pass', 'pending', 'waived'], 'pending'],
    [['unknown', 'pending'], 'unknown'],
    [['pass', 'fail', 'unknown'], 'fail'],
  ] as const)('%p: %s', (statuses, worst) => {
    expect(worstStatus(statuses)).toBe(worst);
  });

  it('counts each status', () => {
    expect(
      countStatuses(['pass', 'pass', 'fail', 'waived', 'pending']),
    ).toEqual({
      pass: 2,
      fail: 1,
      unknown: 0,
      pending: 1,
      waived: 1,
    });
  });
});

describe('blockersOf', () => {
  it('names the blocking checks that neither pass nor are waived, in order', () => {
    expect(
      blockersOf([
        { checkId: 'a', blocking: true, effectiveStatus: 'pass' },
        { checkId: 'b', blocking: true, effectiveStatus: 'fail' },
        { checkId: 'c', blocking: false, effectiveStatus: 'fail' },
        { checkId: 'd', blocking: true, effectiveStatus: 'waived' },
        { checkId: 'e', blocking: true, effectiveStatus: 'unknown' },
        { checkId: 'f', blocking: true, effectiveStatus: 'pending' },
      ]),
    ).toEqual(['b', 'e', 'f']);
  });
});

describe('deriveReviewState', () => {
  const go = { decision: 'go' as const, signedAt: '2026-12-01T10:00:00Z' };
  const noGo = { decision: 'no-go' as const, signedAt: '2026-12-01T10:00:00Z' };
  it.each([
    ['no sign-off', undefined, [], null, 'open'],
    ['no sign-off, blockers', undefined, ['x'], null, 'open'],
    ['no-go', noGo, ['x'], null, 'no-go'],
    ['go, nothing blocks', go, [], null, 'go'],
    ['go, then a check fails', go, ['x'], null, 'reopened'],
    [
      'reopened after the go, passing again',
      go,
      [],
      '2026-12-01T11:00:00Z',
      'reopened',
    ],
    [
      'reopened before this go (an older go)',
      go,
      [],
      '2026-12-01T09:00:00Z',
      'go',
    ],
  ] as const)(
    '%s: %s',
    (_name, latestSignOff, blockers, reopenedAt, expected) => {
      expect(deriveReviewState({ latestSignOff, blockers, reopenedAt })).toBe(
        expected,
      );
    },
  );
});

describe('productOwnersOf and claimsInclude', () => {
  it.each([
    [
      'group:default/product-owners',
      undefined,
      ['group:default/product-owners'],
    ],
    [undefined, 'group:product-owners', ['group:default/product-owners']],
    ['  ', 'group:product-owners', ['group:default/product-owners']],
    [
      'user:Erin, group:default/launch-board',
      'group:x',
      ['user:default/erin', 'group:default/launch-board'],
    ],
    ['user:erin,user:erin', undefined, ['user:default/erin']],
    [undefined, undefined, []],
  ])('annotation %p, template %p: %p', (annotation, template, expected) => {
    expect(productOwnersOf(annotation, template)).toEqual(expected);
  });

  it('matches claims case-insensitively', () => {
    expect(
      claimsInclude(
        ['user:default/erin', 'group:default/Product-Owners'],
        ['group:default/product-owners'],
      ),
    ).toBe(true);
    expect(
      claimsInclude(['user:default/zoe'], ['group:default/product-owners']),
    ).toBe(false);
  });
});

describe('canonicalJson and reviewEvidenceDocument', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(
      canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined }], c: null } }),
    ).toBe('{"a":{"c":null,"d":[2,{"z":1}]},"b":1}');
  });

  it('does not depend on the order of checks or waivers', () => {
    const a = reviewEvidenceDocument({
      reviewId: 'r',
      checks: [
        { checkId: 'b', status: 'pass', evidenceHash: 'h2' },
        { checkId: 'a', status: 'fail', evidenceHash: 'h1' },
      ],
      activeWaiverIds: ['w2', 'w1'],
    });
    const b = reviewEvidenceDocument({
      reviewId: 'r',
      checks: [
        { checkId: 'a', status: 'fail', evidenceHash: 'h1' },
        { checkId: 'b', status: 'pass', evidenceHash: 'h2' },
      ],
      activeWaiverIds: ['w1', 'w2'],
    });
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });
});
