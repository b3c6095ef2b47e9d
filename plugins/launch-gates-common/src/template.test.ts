import { formatZodIssues } from '@vigil/common-kit';
import { reviewTemplateSchema } from './template';

const valid = () => ({
  apiVersion: 'vigil.dev/v1alpha1',
  kind: 'LaunchReviewTemplate',
  metadata: { name: 'default', title: 'Default' },
  spec: {
    productOwner: 'group:default/product-owners',
    gates: [
      {
        id: 'performance',
        title: 'Performance',
        checks: [
          {
            id: 'load-test',
            title: 'Load test within targets',
            type: 'automated',
            provider: 'load-test',
            pass: [{ measure: 'p95Ms', op: '<=', target: 800, stretch: 600 }],
          },
        ],
      },
      {
        id: 'architecture',
        title: 'Architecture',
        checks: [
          {
            id: 'design-review',
            title: 'Design reviewed',
            type: 'manual',
            question: 'Has SRE reviewed the design?',
            answeredBy: 'sre',
          },
        ],
      },
    ],
  },
});

function problems(doc: unknown): string {
  const result = reviewTemplateSchema.safeParse(doc);
  return result.success ? '' : formatZodIssues(result.error).join('\n');
}

describe('reviewTemplateSchema', () => {
  it('accepts a valid template and fills the defaults', () => {
    const parsed = reviewTemplateSchema.parse(valid());
    const [perf, arch] = parsed.spec.gates;
    expect(perf.checks[0]).toMatchObject({ blocking: true, params: {} });
    expect(arch.checks[0]).toMatchObject({
      blocking: true,
      evidence: 'link-or-file',
    });
  });

  it.each<[string, (t: any) => void, RegExp]>([
    [
      'a duplicate check id across gates',
      t => {
        t.spec.gates[1].checks[0].id = 'load-test';
      },
      /check id load-test is used twice/,
    ],
    [
      'a duplicate gate id',
      t => {
        t.spec.gates[1].id = 'performance';
      },
      /gate id performance is used twice/,
    ],
    [
      'an unknown check type',
      t => {
        t.spec.gates[0].checks[0].type = 'robot';
      },
      /type/,
    ],
    [
      'an unknown field',
      t => {
        t.spec.gates[0].colour = 'red';
      },
      /colour/,
    ],
    [
      'a bad id',
      t => {
        t.spec.gates[0].id = 'Perf Gate';
      },
      /lower-case letters/,
    ],
    [
      'a stretch on a boolean target',
      t => {
        t.spec.gates[0].checks[0].pass = [
          { measure: 'x', op: '==', target: true, stretch: 1 },
        ];
      },
      /stretch needs a numeric target/,
    ],
    [
      'an unknown answerer',
      t => {
        t.spec.gates[1].checks[0].answeredBy = 'everyone';
      },
      /answeredBy/,
    ],
    [
      'no gates',
      t => {
        t.spec.gates = [];
      },
      /gates/,
    ],
    [
      'the wrong kind',
      t => {
        t.kind = 'Template';
      },
      /kind/,
    ],
  ])('refuses %s, naming the problem', (_name, mutate, message) => {
    const doc = valid();
    mutate(doc);
    expect(problems(doc)).toMatch(message);
  });
});
