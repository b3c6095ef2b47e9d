import type { Entity } from '@backstage/catalog-model';
import {
  blockersOf,
  CheckResult,
  countStatuses,
  GateResult,
  LaunchGatesApi,
  ReviewDetail,
  ReviewList,
  ReviewSummary,
  worstStatus,
} from '@vigil/backstage-plugin-launch-gates-common';

export const SCORING_API_REF = 'component:default/scoring-api';
export const ERIN = 'user:default/erin';
export const PRODUCT_OWNERS = 'group:default/product-owners';
export const EVIDENCE_HASH = 'e'.repeat(64);

export const scoringApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'scoring-api',
    namespace: 'default',
    annotations: { 'vigil.dev/launch-template': 'default' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:payments' },
};

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

export function makeCheck(overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    gateId: 'operations',
    checkId: 'slo-history',
    title: 'SLOs met for 28 days',
    description: null,
    type: 'automated',
    provider: 'slo-history',
    question: null,
    answeredBy: null,
    blocking: true,
    status: 'fail',
    effectiveStatus: 'fail',
    summary: '2 SLOs, none missed, 0.2 of 28 days of history',
    evidence: {
      measurements: { slos: 2, slosMissed: 0, historyDays: 0.2 },
      outcomes: [
        {
          measure: 'slos',
          op: '>=',
          target: 1,
          actual: 2,
          passed: true,
        },
        {
          measure: 'historyDays',
          op: '>=',
          target: 28,
          actual: 0.2,
          passed: false,
        },
      ],
      links: [
        { title: 'SLOs of scoring-api', url: 'http://localhost:3000/slos' },
      ],
    },
    answer: null,
    waiver: null,
    evaluatedAt: minutesAgo(5),
    evidenceHash: 'a'.repeat(64),
    ...overrides,
  };
}

/** A gate from its checks, its status the worst of theirs. */
export function makeGate(
  id: string,
  title: string,
  checks: CheckResult[],
): GateResult {
  return {
    id,
    title,
    description: null,
    status: worstStatus(checks.map(c => c.effectiveStatus)),
    checks: checks.map(c => ({ ...c, gateId: id })),
  };
}

/** A review whose counts and blockers follow from its gates. */
export function makeReview(
  overrides: Partial<ReviewDetail> = {},
): ReviewDetail {
  const gates = overrides.gates ?? [
    makeGate('operations', 'Operations', [makeCheck()]),
  ];
  const checks = gates.flatMap(g => g.checks);
  return {
    id: '6f1c2d3e-0000-4000-8000-000000000001',
    entityRef: SCORING_API_REF,
    title: 'Scoring API launch',
    templateName: 'default',
    templateTitle: 'Default launch review',
    targetDate: '2027-01-15',
    state: 'open',
    productOwners: [PRODUCT_OWNERS],
    createdBy: 'user:default/carol',
    createdAt: minutesAgo(60),
    updatedAt: minutesAgo(5),
    lastEvaluatedAt: minutesAgo(5),
    revision: 1,
    counts: countStatuses(checks.map(c => c.effectiveStatus)),
    blockers: blockersOf(checks),
    latestSignOff: null,
    waivers: [],
    signOffs: [],
    evidenceHash: EVIDENCE_HASH,
    events: [],
    ...overrides,
    gates,
  };
}

export function summaryOf(review: ReviewDetail): ReviewSummary {
  const {
    gates: _g,
    waivers: _w,
    signOffs: _s,
    evidenceHash: _e,
    events: _ev,
    ...summary
  } = review;
  return summary;
}

export function listOf(
  items: ReviewSummary[],
  totalCount = items.length,
): ReviewList {
  return { items, totalCount, limit: 50, offset: 0 };
}

/** The API with every operation a jest mock (typed loosely, as tests set them). */
export type FakeLaunchGatesApi = {
  [K in keyof LaunchGatesApi]: jest.Mock;
};

const notUsed = (name: string) =>
  jest.fn(async () => {
    throw new Error(`${name} not expected in this test`);
  });

/** Every operation a jest mock; the review's reads answer `review`. */
export function fakeLaunchGatesApi(
  review: ReviewDetail = makeReview(),
  overrides: Partial<FakeLaunchGatesApi> = {},
): FakeLaunchGatesApi {
  return {
    listTemplates: jest.fn(async () => ({
      items: [
        {
          name: 'default',
          title: 'Default launch review',
          description: null,
          source: 'default.yaml',
          gates: [{ id: 'operations', title: 'Operations', checks: 1 }],
        },
      ],
      problems: [],
    })),
    getTemplate: notUsed('getTemplate'),
    listReviews: jest.fn(async () => listOf([summaryOf(review)])),
    getReview: jest.fn(async () => review),
    openReview: notUsed('openReview'),
    editReview: notUsed('editReview'),
    evaluateReview: jest.fn(async () => review),
    answerCheck: notUsed('answerCheck'),
    uploadAttachment: notUsed('uploadAttachment'),
    getAttachment: notUsed('getAttachment'),
    createWaiver: notUsed('createWaiver'),
    signOff: notUsed('signOff'),
    exportReviewJson: notUsed('exportReviewJson'),
    exportReviewMarkdown: notUsed('exportReviewMarkdown'),
    postReport: notUsed('postReport'),
    listReports: notUsed('listReports'),
    ...overrides,
  };
}

/** An error as `LaunchGatesClient` throws it. */
export function apiError(statusCode: number, backendMessage: string) {
  return Object.assign(
    new Error(`Request failed with ${statusCode}: ${backendMessage}`),
    { name: 'ResponseError', statusCode, backendMessage },
  );
}
