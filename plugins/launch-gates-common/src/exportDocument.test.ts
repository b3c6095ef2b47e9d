import {
  buildReviewExport,
  renderReviewMarkdown,
  reviewExportSchema,
} from './exportDocument';
import type { CheckResult, ReviewDetail, SignOff, Waiver } from './records';

const HASH = 'a'.repeat(64);
const META = {
  exportedAt: '2026-12-01T09:00:00.000Z',
  exportedBy: 'user:default/erin',
};

function check(overrides: Partial<CheckResult>): CheckResult {
  return {
    gateId: 'performance',
    checkId: 'load-test',
    title: 'Load test within targets',
    description: null,
    type: 'automated',
    provider: 'load-test',
    question: null,
    answeredBy: null,
    blocking: true,
    status: 'pass',
    effectiveStatus: 'pass',
    summary: 'p95 612 ms, peak memory 1.1 GB',
    evidence: {
      measurements: { p95Ms: 612, peakMemoryBytes: 1.1e9, ageDays: 2 },
      outcomes: [
        {
          measure: 'p95Ms',
          op: '<=',
          target: 800,
          actual: 612,
          passed: true,
          stretch: 600,
          stretchMet: false,
        },
        {
          measure: 'ageDays',
          op: '<=',
          target: 30,
          actual: 2,
          passed: true,
        },
      ],
      links: [
        {
          title: 'Report',
          url: 'http://localhost:3000/validation/load-tests/x.md',
        },
      ],
      observedAt: '2026-11-29T10:00:00.000Z',
    },
    answer: null,
    waiver: null,
    evaluatedAt: '2026-12-01T08:55:00.000Z',
    evidenceHash: HASH,
    ...overrides,
  };
}

const waiver: Waiver = {
  id: 'w-1',
  reviewId: 'r-1',
  checkId: 'slo-history',
  reason: 'A fresh service | two weeks of history only',
  expiresAt: '2026-12-20T00:00:00.000Z',
  createdBy: 'user:default/erin',
  createdAt: '2026-12-01T08:00:00.000Z',
  evidenceHash: HASH,
  expired: false,
};

const signOff: SignOff = {
  id: 's-1',
  reviewId: 'r-1',
  decision: 'go',
  comment: 'Ready.\nShip it',
  signedBy: 'user:default/erin',
  signedAt: '2026-12-01T08:30:00.000Z',
  evidenceHash: HASH,
  checkStatuses: { 'load-test': 'pass', 'slo-history': 'waived' },
  waiverIds: ['w-1'],
};

function review(overrides: Partial<ReviewDetail> = {}): ReviewDetail {
  return {
    id: '0f8a1c2e-1111-4222-8333-444455556666',
    entityRef: 'component:default/scoring-api',
    title: 'Scoring API launch',
    templateName: 'default',
    templateTitle: 'Default readiness review',
    targetDate: '2026-12-15',
    state: 'go',
    productOwners: ['group:default/product-owners'],
    createdBy: 'user:default/erin',
    createdAt: '2026-12-01T07:00:00.000Z',
    updatedAt: '2026-12-01T08:30:00.000Z',
    lastEvaluatedAt: '2026-12-01T08:55:00.000Z',
    revision: 3,
    counts: { pass: 2, fail: 0, unknown: 0, pending: 0, waived: 1 },
    blockers: [],
    latestSignOff: signOff,
    gates: [
      {
        id: 'performance',
        title: 'Performance',
        description: 'Fast enough under load',
        status: 'waived',
        checks: [
          check({}),
          check({
            checkId: 'slo-history',
            title: 'SLOs met',
            provider: 'slo-history',
            status: 'fail',
            effectiveStatus: 'waived',
            summary: 'only 2 days of history',
            evidence: {
              measurements: { slos: 2, historyDays: null },
              outcomes: [
                {
                  measure: 'historyDays',
                  op: '>=',
                  target: 28,
                  actual: null,
                  passed: null,
                },
              ],
              links: [],
              reason: 'history starts 2026-11-29',
            },
            waiver,
          }),
        ],
      },
      {
        id: 'operations',
        title: 'Operations',
        description: null,
        status: 'pass',
        checks: [
          check({
            gateId: 'operations',
            checkId: 'dr-plan',
            title: 'Disaster recovery plan',
            type: 'manual',
            provider: null,
            question: 'Is there a tested DR plan?',
            answeredBy: 'sre',
            summary: 'yes',
            evidence: null,
            evidenceHash: null,
            answer: {
              id: 'a-1',
              reviewId: 'r-1',
              checkId: 'dr-plan',
              answer: 'yes',
              comment: 'See the drill',
              link: 'http://localhost:3000/docs/dr',
              attachment: null,
              answeredBy: 'user:default/sam',
              answeredAt: '2026-12-01T07:30:00.000Z',
            },
          }),
        ],
      },
    ],
    waivers: [waiver],
    signOffs: [signOff],
    evidenceHash: HASH,
    events: [
      {
        id: 'e-1',
        reviewId: 'r-1',
        type: 'opened',
        actor: 'user:default/erin',
        at: '2026-12-01T07:00:00.000Z',
        data: {},
      },
      {
        id: 'e-2',
        reviewId: 'r-1',
        type: 'signed',
        actor: 'user:default/erin',
        at: '2026-12-01T08:30:00.000Z',
        data: { decision: 'go' },
      },
    ],
    ...overrides,
  };
}

describe('buildReviewExport', () => {
  it('exports every gate, check, answer, waiver, sign-off and event', () => {
    const doc = buildReviewExport(review(), {
      ...META,
      entityTitle: 'Scoring API',
    });
    expect(reviewExportSchema.parse(doc)).toEqual(doc);
    expect(doc).toMatchObject({
      schemaVersion: 1,
      kind: 'launch-review',
      exportedBy: 'user:default/erin',
      review: {
        entityTitle: 'Scoring API',
        state: 'go',
        evidenceHash: HASH,
      },
      decision: {
        decision: 'go',
        signedBy: 'user:default/erin',
        signOffId: 's-1',
      },
    });
    expect(doc.gates.map(g => g.checks.map(c => c.id))).toEqual([
      ['load-test', 'slo-history'],
      ['dr-plan'],
    ]);
    expect(doc.answers.map(a => a.id)).toEqual(['a-1']);
    expect(doc.waivers.map(w => w.id)).toEqual(['w-1']);
    expect(doc.signOffs[0].checkStatuses).toEqual({
      'load-test': 'pass',
      'slo-history': 'waived',
    });
    expect(doc.events.map(e => e.type)).toEqual(['opened', 'signed']);
  });

  it.each([
    [
      'load-test',
      {
        outcomes: ['p95Ms 612 <= 800 (stretch 600: missed)', 'ageDays 2 <= 30'],
        reason: null,
        observedAt: '2026-11-29T10:00:00.000Z',
        waiverId: null,
        answerId: null,
      },
    ],
    [
      'slo-history',
      {
        outcomes: ['historyDays unknown >= 28'],
        reason: 'history starts 2026-11-29',
        observedAt: null,
        waiverId: 'w-1',
        answerId: null,
      },
    ],
    [
      'dr-plan',
      {
        outcomes: null,
        reason: null,
        observedAt: null,
        waiverId: null,
        answerId: 'a-1',
      },
    ],
  ])('describes the evidence of %s', (id, expected) => {
    const doc = buildReviewExport(review(), META);
    const found = doc.gates.flatMap(g => g.checks).find(c => c.id === id)!;
    expect({
      outcomes: found.evidence?.outcomes.map(o => o.description) ?? null,
      reason: found.evidence?.reason ?? null,
      observedAt: found.evidence?.observedAt ?? null,
      waiverId: found.waiverId,
      answerId: found.answerId,
    }).toEqual(expected);
  });

  it('has no decision before anyone signed', () => {
    const doc = buildReviewExport(
      review({ state: 'open', latestSignOff: null, signOffs: [] }),
      META,
    );
    expect(doc.decision).toBeNull();
    expect(doc.review.entityTitle).toBeNull();
    expect(reviewExportSchema.safeParse(doc).success).toBe(true);
  });

  it.each([
    ['a schema version it does not know', { schemaVersion: 2 }],
    ['a field it does not know', { extra: true }],
    ['no review', { review: undefined }],
  ])('refuses a document with %s', (_what, change) => {
    const doc = { ...buildReviewExport(review(), META), ...change };
    expect(reviewExportSchema.safeParse(doc).success).toBe(false);
  });
});

const unpadded = (line: string) =>
  line.startsWith('|') ? line.replace(/ {2,}/g, ' ') : line;

describe('renderReviewMarkdown', () => {
  const markdown = renderReviewMarkdown(
    buildReviewExport(review(), { ...META, entityTitle: 'Scoring API' }),
  );

  it.each([
    ['the title', '# Go/No-Go: Scoring API launch'],
    [
      'the entity',
      '| Entity | Scoring API (`component:default/scoring-api`) |',
    ],
    ['the template', '| Template | Default readiness review (`default`) |'],
    ['the target date', '| Target date | 2026-12-15 |'],
    [
      'the decision',
      '| Decision | **Go** by user:default/erin at 2026-12-01T08:30:00.000Z |',
    ],
    ['a gate heading', '## Performance: waived'],
    [
      'a gate row',
      '| SLOs met (`slo-history`) | slo-history | yes | waived | only 2 days of history | 2026-12-01T08:55:00.000Z |',
    ],
    [
      'a pass-rule outcome',
      '  - `p95Ms 612 <= 800 (stretch 600: missed)`: met',
    ],
    [
      'an unjudged outcome',
      '  - `historyDays unknown >= 28`: could not be judged',
    ],
    ['a reason', '- Reason: history starts 2026-11-29'],
    [
      'a manual answer',
      '- Answer: **yes** by user:default/sam at 2026-12-01T07:30:00.000Z: See the drill ([link](http://localhost:3000/docs/dr))',
    ],
    [
      'the waiver with escaped pipes',
      '| `slo-history` | A fresh service \\| two weeks of history only | 2026-12-20T00:00:00.000Z | user:default/erin | 2026-12-01T08:00:00.000Z | active |',
    ],
    [
      'the sign-off on one line',
      `| 2026-12-01T08:30:00.000Z | user:default/erin | Go | Ready. Ship it | \`${HASH}\` | w-1 |`,
    ],
    [
      'the history',
      '- 2026-12-01T08:30:00.000Z signed by user:default/erin: `{"decision":"go"}`',
    ],
  ])('shows %s', (_what, line) => {
    // Table cells are padded to line up; compare them unpadded.
    expect(markdown.split('\n').map(unpadded)).toContain(line);
  });

  it('says when nothing was signed or waived', () => {
    const text = renderReviewMarkdown(
      buildReviewExport(
        review({
          state: 'open',
          latestSignOff: null,
          signOffs: [],
          waivers: [],
        }),
        META,
      ),
    );
    expect(text.split('\n').map(unpadded)).toContain('| Decision | none yet |');
    expect(text).toContain('## Waivers\n\nNone.');
    expect(text).toContain('## Sign-offs\n\nNone yet.');
  });
});
