// The test's own temporary template directories.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { stringify, parse } from 'yaml';
import { CheckProviderRegistry } from '../evaluation/CheckProviderRegistry';
import { builtInCheckProviders } from '../providers';
import { REPO_ROOT } from '../providers/__testUtils__/fakePlugins';
import { TemplateCatalog } from './TemplateCatalog';

const TEMPLATES = path.join(REPO_ROOT, 'launch-gates', 'templates');
const registry = () =>
  new CheckProviderRegistry(
    builtInCheckProviders({ reportSource: { latest: async () => undefined } }),
  );
const defaultTemplate = () =>
  parse(fs.readFileSync(path.join(TEMPLATES, 'default.yaml'), 'utf8'));

describe('TemplateCatalog', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lg-templates-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const load = (directories: string[]) =>
    TemplateCatalog.load({
      directories,
      registry: registry(),
      logger: mockServices.logger.mock(),
    });

  it("loads the repository's default template: six gates, their checks, the product owners", async () => {
    const catalog = await load([TEMPLATES]);
    expect(catalog.problems()).toEqual([]);
    expect(catalog.list()).toEqual([
      {
        name: 'default',
        title: 'Production readiness review',
        description: expect.any(String),
        source: 'templates/default.yaml',
        gates: [
          { id: 'architecture', title: 'Architecture', checks: 2 },
          { id: 'performance', title: 'Performance', checks: 1 },
          { id: 'integration', title: 'Integration', checks: 2 },
          { id: 'quality', title: 'Quality', checks: 2 },
          { id: 'security', title: 'Security', checks: 2 },
          { id: 'operations', title: 'Operations', checks: 3 },
        ],
      },
    ]);
    const template = catalog.get('default')!;
    expect(template.spec.productOwner).toBe('group:default/product-owners');
    const checks = template.spec.gates.flatMap(g => g.checks);
    expect(
      checks
        .filter(c => c.type === 'automated')
        .map(c => c.type === 'automated' && c.provider),
    ).toEqual([
      'rollback-drill',
      'load-test',
      'slo-history',
      'incidents',
      'security-scan',
      'oncall-coverage',
      'runbooks',
    ]);
    expect(checks.find(c => c.id === 'design-reviewed')).toMatchObject({
      type: 'manual',
      answeredBy: 'sre',
      evidence: 'link-or-file',
    });
    expect(checks.find(c => c.id === 'consumer-contracts')).toMatchObject({
      answeredBy: 'owner',
    });
    expect(checks.find(c => c.id === 'threat-model')).toMatchObject({
      answeredBy: 'sre',
    });
    expect(checks.find(c => c.id === 'load-test')).toMatchObject({
      pass: [
        { measure: 'p95Ms', op: '<=', target: 800, stretch: 600 },
        { measure: 'peakMemoryBytes', op: '<=', target: 3.7e9, stretch: 2.5e9 },
        { measure: 'errorRatio', op: '<=', target: 0.01 },
        { measure: 'ageDays', op: '<=', target: 30 },
      ],
    });
  });

  const broken = (edit: (t: any) => void) => {
    const template = defaultTemplate();
    edit(template);
    return stringify(template);
  };

  it.each([
    {
      name: 'an unknown provider',
      text: broken(t => {
        t.spec.gates[1].checks[0].provider = 'load-tests';
      }),
      messages: [
        'templates/x.yaml: spec.gates[1].checks[0].provider: no check provider load-tests (known: incidents, load-test, oncall-coverage, rollback-drill, runbooks, security-scan, slo-history)',
      ],
    },
    {
      name: 'params the provider does not take',
      text: broken(t => {
        t.spec.gates[3].checks[0].params = { days: 0, window: 3 };
      }),
      messages: [
        'templates/x.yaml: spec.gates[3].checks[0].params.days: Number must be greater than or equal to 1',
        "templates/x.yaml: spec.gates[3].checks[0].params: Unrecognized key(s) in object: 'window'",
      ],
    },
    {
      name: 'a pass condition on a measure the provider does not report',
      text: broken(t => {
        t.spec.gates[1].checks[0].pass[0].measure = 'p95';
      }),
      messages: [
        'templates/x.yaml: spec.gates[1].checks[0].pass[0].measure: load-test reports no measure p95 (it reports: p95Ms, p99Ms, peakMemoryBytes, errorRatio, requests, ageDays)',
      ],
    },
    {
      name: 'a schema error',
      text: broken(t => {
        t.spec.gates[2].checks[0].answeredBy = 'the team';
        delete t.metadata.title;
      }),
      messages: [
        'templates/x.yaml: metadata.title: is required',
        'templates/x.yaml: spec.gates[2].checks[0].answeredBy: owner, product-owner, sre, or a group or user entity ref',
      ],
    },
    {
      name: 'a check id used twice',
      text: broken(t => {
        t.spec.gates[5].checks[1].id = 'load-test';
      }),
      messages: [
        'templates/x.yaml: spec.gates[5].checks[1].id: check id load-test is used twice in the template',
      ],
    },
    {
      name: 'invalid YAML',
      text: 'apiVersion: vigil.dev/v1alpha1\nkind: [unclosed\n',
      messages: [
        expect.stringMatching(
          /^templates\/x.yaml: invalid YAML at line \d+, column \d+: /,
        ),
      ],
    },
  ])(
    'lists a file with $name as a problem and never uses it',
    async ({ text, messages }) => {
      const templates = path.join(dir, 'templates');
      fs.mkdirSync(templates);
      fs.writeFileSync(path.join(templates, 'x.yaml'), text);
      const catalog = await load([templates]);
      expect(catalog.list()).toEqual([]);
      expect(catalog.get('default')).toBeUndefined();
      expect(catalog.problems().map(p => p.message)).toEqual(messages);
      expect(
        catalog.problems().every(p => p.source === 'templates/x.yaml'),
      ).toBe(true);
    },
  );

  it('keeps the first template of a name and names the second file; reads only *.yaml', async () => {
    fs.writeFileSync(path.join(dir, 'a.yaml'), stringify(defaultTemplate()));
    fs.writeFileSync(path.join(dir, 'b.yaml'), stringify(defaultTemplate()));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a template');
    const catalog = await load([dir]);
    const base = path.basename(dir);
    expect(catalog.list().map(t => t.source)).toEqual([`${base}/a.yaml`]);
    expect(catalog.problems()).toEqual([
      {
        source: `${base}/b.yaml`,
        message: `${base}/b.yaml: metadata.name: template default is already defined in ${base}/a.yaml`,
      },
    ]);
  });

  it('reports a directory it cannot read', async () => {
    const missing = path.join(dir, 'missing');
    const catalog = await load([missing]);
    expect(catalog.problems()).toEqual([
      {
        source: missing,
        message: expect.stringMatching(
          /: cannot read the template directory: ENOENT/,
        ),
      },
    ]);
  });
});
