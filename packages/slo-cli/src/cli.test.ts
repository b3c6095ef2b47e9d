import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_GENERATOR_VERSION } from '@vigil/backstage-plugin-slo-common';
import { CliIo, runCli } from './cli';

// Sloth's golden files, read in place from ../shared beside the repository.
const oracle = path.resolve(__dirname, '../../../../shared/oracles/sloth');

function run(argv: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: CliIo = {
    readFile: file => {
      if (file in files) return files[file];
      // eslint-disable-next-line security/detect-non-literal-fs-filename -- test fixture paths
      return fs.readFileSync(path.resolve(oracle, file), 'utf8');
    },
    writeFile: (file, content) => {
      written[file] = content;
    },
    stdout: text => out.push(text),
    stderr: text => err.push(text),
  };
  const code = runCli(argv, io);
  return { code, stdout: out.join(''), stderr: err.join(''), written };
}

function expected(tpl: string): string {
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- oracle path
  const template = fs.readFileSync(path.join(oracle, 'testdata', tpl), 'utf8');
  return (
    template
      .replace(/\{\{ \.version \}\}/g, DEFAULT_GENERATOR_VERSION)
      // The .tpl files are Go templates: {{"x"}} prints x.
      .replace(/\{\{"(.*?)"\}\}/g, '$1')
  );
}

describe('vigil-slo generate', () => {
  it('finds the Sloth oracle beside the repository', () => {
    expect(fs.existsSync(oracle)).toBe(true);
  });

  it.each([
    [[], 'out-base.yaml.tpl'],
    [['--disable-alerts'], 'out-base-no-alerts.yaml.tpl'],
    [['--disable-recordings'], 'out-base-no-recordings.yaml.tpl'],
    [
      ['--extra-label', 'exk1=exv1', '-l', 'exk2=exv2'],
      'out-base-extra-labels.yaml.tpl',
    ],
    [['--period', '28d'], 'out-base-28d.yaml.tpl'],
    [
      ['--period', '7d', '--windows', 'windows/7d.yaml'],
      'out-base-custom-windows-7d.yaml.tpl',
    ],
  ])('with flags %j prints what Sloth prints (%s)', (flags, tpl) => {
    const result = run([
      'generate',
      '--input',
      'testdata/in-base.yaml',
      ...flags,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expected(tpl));
  });

  it('writes to --out instead of stdout', () => {
    const result = run([
      'generate',
      '--input',
      'testdata/in-multifile.yaml',
      '--out',
      'rules.yml',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.written['rules.yml']).toBe(
      expected('out-multifile.yaml.tpl'),
    );
  });

  it('names the file, the SLO and the problem for an invalid spec', () => {
    const spec = [
      'version: prometheus/v1',
      'service: svc',
      'slos:',
      '  - name: bad',
      '    objective: 140',
      '    sli:',
      '      raw:',
      '        error_ratio_query: sum(rate(errors[{{.window}}]))',
      '    alerting:',
      '      page_alert: {disable: true}',
      '      ticket_alert: {disable: true}',
    ].join('\n');
    const result = run(['generate', '--input', 'slo.yaml'], {
      'slo.yaml': spec,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: slo\.yaml.*SLO "bad".*objective/m);
  });

  it('rejects an unknown spec version clearly', () => {
    const result = run([
      'generate',
      '--input',
      'testdata/in-invalid-version.yaml',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/version/);
  });

  it.each([
    [[], /no command given/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['generate'], /--input FILE is required/],
    [['generate', '--input', 'x.yaml', '--bogus'], /bogus/],
    [
      ['generate', '--input', 'testdata/in-base.yaml', '-l', 'not a label'],
      /--extra-label "not a label"/,
    ],
    [
      ['generate', '--input', 'missing.yaml'],
      /cannot read SLO spec missing\.yaml: ENOENT/,
    ],
  ])('answers bad usage %j with exit 2 and a message', (argv, message) => {
    const result = run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('usage: vigil-slo');
  });

  it('validates without generating', () => {
    const result = run(['validate', '--input', 'testdata/in-base.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('testdata/in-base.yaml: 2 valid SLO(s)\n');
  });
});
