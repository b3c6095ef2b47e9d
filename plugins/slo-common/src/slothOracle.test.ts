/**
 * Sloth v0.16.0's golden files as the oracle: for each input/flags pair of
 * the oracle's README, parse, generate and render, and compare with Sloth's
 * expected output. The files are read in place (never copied here).
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  normalizePromQl,
  normalizeRuleDocuments,
  renderSlothTemplate,
} from './__testUtils__/ruleComparison';
import {
  DEFAULT_ALERT_WINDOWS,
  GenerateRulesOptions,
  generateRuleFiles,
  GOOGLE_28D_ALERT_WINDOWS,
  GOOGLE_30D_ALERT_WINDOWS,
  parseAlertWindows,
  parseSloSpecFiles,
  parseSloSpecs,
  renderRuleFilesYaml,
  renderRulesYaml,
  generateRules,
} from './index';

// plugins/slo-common/src -> /work/main -> /work/shared (beside the clone in CI too).
const ORACLE_DIR = path.resolve(__dirname, '../../../../shared/oracles/sloth');
if (!fs.existsSync(path.join(ORACLE_DIR, 'testdata'))) {
  throw new Error(
    `Sloth oracle not found: expected Sloth's golden files at ${ORACLE_DIR} (testdata/ and windows/; the "shared" directory beside the repository clone). The SLO rule generator cannot be checked without it.`,
  );
}
const VERSION = 'vigil-oracle-test';

function readOracle(...segments: string[]): string {
  // Paths come from the oracle README's table and directory listings.
  // eslint-disable-next-line security/detect-non-literal-fs-filename
  return fs.readFileSync(path.join(ORACLE_DIR, ...segments), 'utf8');
}

function listOracle(...segments: string[]): string[] {
  // eslint-disable-next-line security/detect-non-literal-fs-filename
  return fs.readdirSync(path.join(ORACLE_DIR, ...segments)).sort();
}

/** Parses an input file the way the `sloth generate` flags of a pair say. */
function generateFromOracle(input: string, options: GenerateRulesOptions) {
  const parsed = parseSloSpecs(readOracle('testdata', input), {
    source: input,
    period: options.period,
  });
  expect(parsed.errors.map(e => e.message)).toEqual([]);
  return renderRuleFilesYaml(
    generateRuleFiles(parsed.specs, { ...options, version: VERSION }),
    { version: VERSION },
  );
}

// The README's pairs that are in scope, with Sloth's CLI flags as options.
const GOLDEN_PAIRS: Array<{
  input: string;
  flags: string;
  options: () => GenerateRulesOptions;
  expected: string;
}> = [
  {
    input: 'in-base.yaml',
    flags: '',
    options: () => ({}),
    expected: 'out-base.yaml.tpl',
  },
  {
    input: 'in-base-k8s.yaml',
    flags: '',
    options: () => ({}),
    expected: 'out-base-k8s.yaml.tpl',
  },
  {
    input: 'in-base.yaml',
    flags: '--disable-alerts',
    options: () => ({ disableAlerts: true }),
    expected: 'out-base-no-alerts.yaml.tpl',
  },
  {
    input: 'in-base.yaml',
    flags: '--disable-recordings',
    options: () => ({ disableRecordings: true }),
    expected: 'out-base-no-recordings.yaml.tpl',
  },
  {
    input: 'in-base.yaml',
    flags: '-l exk1=exv1 -l exk2=exv2',
    options: () => ({ extraLabels: { exk1: 'exv1', exk2: 'exv2' } }),
    expected: 'out-base-extra-labels.yaml.tpl',
  },
  {
    input: 'in-multifile.yaml',
    flags: '',
    options: () => ({}),
    expected: 'out-multifile.yaml.tpl',
  },
  {
    input: 'in-multifile-k8s.yaml',
    flags: '',
    options: () => ({}),
    expected: 'out-multifile-k8s.yaml.tpl',
  },
  {
    input: 'in-openslo.yaml',
    flags: '',
    options: () => ({}),
    expected: 'out-openslo.yaml.tpl',
  },
  {
    input: 'in-base.yaml',
    flags: '--default-slo-period 28d',
    options: () => ({ period: '28d' }),
    expected: 'out-base-28d.yaml.tpl',
  },
  {
    input: 'in-base.yaml',
    flags:
      '--default-slo-period 7d --slo-period-windows-path windows/ (7d.yaml)',
    options: () => ({
      period: '7d',
      windows: parseAlertWindows(readOracle('windows', '7d.yaml'), {
        source: 'windows/7d.yaml',
      }),
    }),
    expected: 'out-base-custom-windows-7d.yaml.tpl',
  },
];

describe('Sloth v0.16.0 golden files', () => {
  describe.each(GOLDEN_PAIRS)(
    '$input $flags -> $expected',
    ({ input, options, expected }) => {
      const expectedYaml = renderSlothTemplate(
        readOracle('testdata', expected),
        VERSION,
      );

      it('generates the same rule groups, rules, labels, annotations and PromQL', () => {
        const actual = normalizeRuleDocuments(
          generateFromOracle(input, options()),
        );
        expect(actual).toEqual(normalizeRuleDocuments(expectedYaml));
      });

      it("prints Sloth's exact text", () => {
        expect(generateFromOracle(input, options())).toBe(expectedYaml);
      });
    },
  );

  it('renderRulesYaml prints a single-document input like Sloth', () => {
    const parsed = parseSloSpecs(readOracle('testdata', 'in-base.yaml'), {
      source: 'in-base.yaml',
    });
    const yaml = renderRulesYaml(
      generateRules(parsed.specs, { version: VERSION }),
      {
        version: VERSION,
      },
    );
    expect(yaml).toBe(
      renderSlothTemplate(readOracle('testdata', 'out-base.yaml.tpl'), VERSION),
    );
  });

  it('labels rules with the mode Sloth uses per input format', () => {
    const modes = (input: string) =>
      normalizeRuleDocuments(generateFromOracle(input, {}))
        .flatMap(
          document =>
            JSON.stringify(document).match(/"sloth_mode":"[^"]+"/g) ?? [],
        )
        .filter((mode, index, all) => all.indexOf(mode) === index);
    expect(modes('in-base.yaml')).toEqual(['"sloth_mode":"cli-gen-prom"']);
    expect(modes('in-base-k8s.yaml')).toEqual(['"sloth_mode":"cli-gen-k8s"']);
    expect(modes('in-openslo.yaml')).toEqual([
      '"sloth_mode":"cli-gen-openslo"',
    ]);
  });
});

describe("Sloth's own plugin steps in a chain", () => {
  // in-base.yaml with a `slo_plugins` chain of Sloth's built-in steps: Sloth
  // prints exactly out-base.yaml.tpl for it, so Vigil must too.
  it.each([
    ['the core validator', '  chain:\n    - id: sloth.dev/core/validate/v1\n'],
    [
      'the VictoriaMetrics validator instead of the default one',
      [
        '  overridePrevious: true',
        '  chain:',
        '    - id: sloth.dev/contrib/validate_victoria_metrics/v1',
        '      priority: -1000',
        '    - id: sloth.dev/core/sli_rules/v1',
        '    - id: sloth.dev/core/metadata_rules/v1',
        '    - id: sloth.dev/core/alert_rules/v1',
        '',
      ].join('\n'),
    ],
  ])('%s gives out-base.yaml.tpl', (_name, chain) => {
    const input = readOracle('testdata', 'in-base.yaml').replace(
      /^(service: .*\n)/m,
      `$1slo_plugins:\n${chain}`,
    );
    expect(input).toContain('slo_plugins:');
    const parsed = parseSloSpecs(input, { source: 'in-base.yaml' });
    expect(parsed.errors).toEqual([]);
    const yaml = renderRuleFilesYaml(
      generateRuleFiles(parsed.specs, { version: VERSION }),
      { version: VERSION },
    );
    expect(yaml).toBe(
      renderSlothTemplate(readOracle('testdata', 'out-base.yaml.tpl'), VERSION),
    );
  });
});

describe('the comparison itself', () => {
  it('treats equal numbers as equal however Go prints them', () => {
    expect(normalizePromQl('vector(1-0.9990000000000001)')).toBe(
      normalizePromQl('vector(1 - 9.990000000000001e-01)'),
    );
    expect(normalizePromQl('x > (14.4 * 0.0009999999999999432)')).toBe(
      normalizePromQl('x>(14.40 * 9.999999999999432e-4)'),
    );
  });

  it('keeps durations and different numbers apart', () => {
    expect(normalizePromQl('rate(x[5m])')).not.toBe(
      normalizePromQl('rate(x[5h])'),
    );
    expect(normalizePromQl('vector(0.95)')).not.toBe(
      normalizePromQl('vector(0.951)'),
    );
  });
});

describe('inputs Sloth rejects', () => {
  it('rejects an unknown spec version, naming it', () => {
    const result = parseSloSpecs(
      readOracle('testdata', 'in-invalid-version.yaml'),
      {
        source: 'in-invalid-version.yaml',
      },
    );
    expect(result.specs).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].message).toMatch(
      /^in-invalid-version\.yaml: unsupported spec version "prometheus\/v999": expected "version: prometheus\/v1"/,
    );
  });

  it.each([
    [
      'in-sli-plugin.yaml',
      /SLO "slo1": SLI plugin "integration_test" is not supported/,
    ],
    [
      'in-slo-plugin.yaml',
      /SLO plugin "integration-tests\/plugin1" in slo_plugins is not supported/,
    ],
    [
      'in-slo-plugin-k8s.yaml',
      /SLO plugin "integration-tests\/plugin1" in spec\.sloPlugins is not supported/,
    ],
  ])('rejects Go plugins in %s, naming the plugin', (input, message) => {
    const result = parseSloSpecs(readOracle('testdata', input), {
      source: input,
    });
    expect(result.specs).toEqual([]);
    const messages = result.errors.map(e => e.message);
    expect(messages).toContainEqual(expect.stringMatching(message));
    expect(messages.every(m => m.startsWith(`${input}: `))).toBe(true);
    expect(messages.join('\n')).toMatch(/Go plugins are out of scope/);
  });
});

describe('validate/good', () => {
  it.each(listOracle('testdata', 'validate', 'good'))('%s validates', file => {
    const result = parseSloSpecs(
      readOracle('testdata', 'validate', 'good', file),
      {
        source: file,
      },
    );
    expect(result.errors).toEqual([]);
    expect(result.specs.length).toBeGreaterThan(0);
  });

  it('as one directory, only repeats ids across files (Sloth validates it with --ignore-slo-duplicates)', () => {
    const files = listOracle('testdata', 'validate', 'good').map(file => ({
      source: file,
      content: readOracle('testdata', 'validate', 'good', file),
    }));
    const result = parseSloSpecFiles(files);
    expect(result.errors.length).toBeGreaterThan(0);
    expect(
      result.errors.every(e => e.problem.startsWith('duplicate SLO id')),
    ).toBe(true);
  });
});

describe('validate/bad', () => {
  // What is wrong in each file (marked "# BAD!" in it), and the message for it.
  const expectations: Record<string, RegExp> = {
    'bad-aa.yaml':
      /^bad-aa\.yaml: SLO "slo02": objective must be > 0 and <= 100 \(got 101\)$/,
    'bad-ab.yaml':
      /^bad-ab\.yaml: SLO "slo02": objective must be > 0 and <= 100 \(got 101\)$/,
    'bad-ba.yaml':
      /^bad-ba\.yaml: SLO "slo02": objective must be > 0 and <= 100 \(got 101\)$/,
    'bad-k8s.yaml': /^bad-k8s\.yaml: spec\.service is required$/,
    'bad-multi-k8s.yaml':
      /^bad-multi-k8s\.yaml \(document 1\): SLO "slo1": alerting\.name is required when the page or ticket alert is enabled/,
    'bad-multi.yaml':
      /^bad-multi\.yaml \(document 2\): SLO "slo02": an SLI is required: set sli\.events .* or sli\.raw/,
    'bad-openslo.yaml':
      /^bad-openslo\.yaml: SLO "slo1": the SLO time window is 28d but rules are generated for a 30d SLO period/,
  };

  it('covers every file of the directory', () => {
    expect(Object.keys(expectations).sort()).toEqual(
      listOracle('testdata', 'validate', 'bad'),
    );
  });

  it.each(listOracle('testdata', 'validate', 'bad'))(
    '%s is rejected with a message saying what is wrong',
    file => {
      const result = parseSloSpecs(
        readOracle('testdata', 'validate', 'bad', file),
        {
          source: file,
        },
      );
      expect(result.errors.map(e => e.message)).toEqual([
        expect.stringMatching(expectations[file]),
      ]);
    },
  );

  it('still returns the valid SLOs of a file with a bad one', () => {
    const result = parseSloSpecs(
      readOracle('testdata', 'validate', 'bad', 'bad-multi.yaml'),
      {
        source: 'bad-multi.yaml',
      },
    );
    expect(result.specs.map(s => s.id)).toEqual([
      'svc01-slo1',
      'svc01-slo02',
      'svc02-slo1',
    ]);
  });

  it('accepts the 28-day OpenSLO window when generating for 28d', () => {
    const result = parseSloSpecs(
      readOracle('testdata', 'validate', 'bad', 'bad-openslo.yaml'),
      { source: 'bad-openslo.yaml', period: '28d' },
    );
    expect(result.errors).toEqual([]);
    expect(result.specs[0].timeWindow).toBe('4w');
  });
});

describe('validate_with_duplicates', () => {
  it.each(['prom', 'k8s', 'openslo'])(
    'rejects the duplicate SLO ids across %s/',
    dir => {
      const files = listOracle('testdata', 'validate_with_duplicates', dir).map(
        file => ({
          source: `${dir}/${file}`,
          content: readOracle(
            'testdata',
            'validate_with_duplicates',
            dir,
            file,
          ),
        }),
      );
      const result = parseSloSpecFiles(files);
      const slos = dir === 'openslo' ? ['slo1-0'] : ['slo1', 'slo02'];
      const ids = slos.map(slo => `svc01-${slo}`);
      // The files sort "duplicate" before "original", so the latter repeats.
      expect(result.errors.map(e => e.message)).toEqual(
        slos.map(
          slo =>
            `${dir}/bad-${dir}-1-original.yaml: SLO "${slo}": duplicate SLO id "svc01-${slo}": already defined in ${dir}/bad-${dir}-1-duplicate.yaml`,
        ),
      );
      // The first definition of each id is kept.
      expect(result.specs.map(s => s.id)).toEqual(ids);
      expect(
        result.specs.every(s => s.origin.source.includes('duplicate')),
      ).toBe(true);
    },
  );

  it('rejects the duplicates inside one multi-document file', () => {
    const result = parseSloSpecs(
      readOracle(
        'testdata',
        'validate_with_duplicates',
        'bad-prom-multi-duplicates.yaml',
      ),
      { source: 'dups.yaml' },
    );
    expect(result.errors.map(e => e.message)).toEqual([
      'dups.yaml (document 2): SLO "slo1": duplicate SLO id "svc01-slo1": already defined in dups.yaml (document 1)',
      'dups.yaml (document 2): SLO "slo02": duplicate SLO id "svc01-slo02": already defined in dups.yaml (document 1)',
    ]);
    expect(result.specs).toHaveLength(2);
  });
});

describe("Sloth's alert windows files", () => {
  it.each([
    ['google-30d.yaml', GOOGLE_30D_ALERT_WINDOWS],
    ['google-28d.yaml', GOOGLE_28D_ALERT_WINDOWS],
  ])('the built-in windows equal windows/%s', (file, builtIn) => {
    expect(
      parseAlertWindows(readOracle('windows', file), { source: file }),
    ).toEqual(builtIn);
  });

  it('covers exactly the default windows files', () => {
    expect(DEFAULT_ALERT_WINDOWS).toHaveLength(
      listOracle('windows').filter(f => f.startsWith('google-')).length,
    );
  });

  it('reads the custom 7d windows with normalised durations', () => {
    expect(parseAlertWindows(readOracle('windows', '7d.yaml'))).toEqual({
      sloPeriod: '1w',
      page: {
        quick: { errorBudgetPercent: 8, shortWindow: '5m', longWindow: '1h' },
        slow: {
          errorBudgetPercent: 12.5,
          shortWindow: '30m',
          longWindow: '6h',
        },
      },
      ticket: {
        quick: { errorBudgetPercent: 20, shortWindow: '2h', longWindow: '1d' },
        slow: { errorBudgetPercent: 42, shortWindow: '6h', longWindow: '3d' },
      },
    });
  });
});

describe('promtool', () => {
  const promtool = [
    '/usr/bin/promtool',
    ...(process.env.PATH ?? '')
      .split(':')
      .map(dir => path.join(dir, 'promtool')),
  ]
    // eslint-disable-next-line security/detect-non-literal-fs-filename
    .find(candidate => fs.existsSync(candidate));

  it('accepts the rules rendered for in-base.yaml', () => {
    if (!promtool) {
      throw new Error(
        'promtool not found (expected /usr/bin/promtool): install it with `apt-get install prometheus`',
      );
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-common-'));
    const file = path.join(dir, 'in-base.rules.yaml');
    try {
      // eslint-disable-next-line security/detect-non-literal-fs-filename
      fs.writeFileSync(file, generateFromOracle('in-base.yaml', {}));
      const output = execFileSync(promtool, ['check', 'rules', file], {
        encoding: 'utf8',
      });
      expect(output).toMatch(/SUCCESS: 32 rules found/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
