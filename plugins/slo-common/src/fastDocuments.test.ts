import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { readDocumentsFast } from './fastDocuments';
import { parseSloSpecs, parseSloSpecsCarefully } from './parse';

const options = { source: 'specs.yaml' };

/** The whole answer of the default reading equals the careful reading's. */
function expectSameAsCareful(text: string) {
  expect(parseSloSpecs(text, options)).toEqual(
    parseSloSpecsCarefully(text, options),
  );
}

const slothSpec = (
  labelValue: string,
  objective = '99.9',
) => `version: prometheus/v1
service: api
labels:
  tier: ${labelValue}
slos:
  - name: availability
    objective: ${objective}
    sli:
      events:
        error_query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total[{{.window}}]))
    alerting:
      name: ApiAvailability
      page_alert:
        disable: true
      ticket_alert:
        disable: true
`;

describe('readDocumentsFast', () => {
  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a directive', '%YAML 1.1\n---\na: yes\n'],
    ['a flow collection as key', '{ {x}: 1 }\n'],
    ['a sequence as key', '[a]: 1\n'],
    ['an explicit key', '? a\n: 1\n'],
    ['a null key', '~: 1\n'],
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['a syntax error', 'a: [1\n'],
    ['a label Go reads as a boolean', slothSpec('yes')],
    ['a quoted label that reads as a boolean unquoted', slothSpec('"on"')],
    ['a label Go reads as octal', slothSpec('0777')],
    ['a label that is a number', slothSpec('0.2')],
    ['a label without a value', slothSpec('')],
  ])('leaves %s to the careful reading', (_what, text) => {
    expect(readDocumentsFast(text)).toBeUndefined();
  });

  it.each([
    ['block mappings', slothSpec('gold')],
    ['JSON documents', '{"a": 1}\n---\n{"b": [1, "2"]}\n'],
    ['empty documents after markers', 'a: 1\n---\n---\nb: 2\n---\n'],
    [
      'numbers of the YAML 1.2 core schema',
      'a: [0o17, 0x1F, 1e3, .5, -.inf]\n',
    ],
    [
      'strings YAML 1.1 read otherwise',
      'a: [yes, on, 1_000, 0b101, 2026-01-01]\n',
    ],
    [
      'a labels mapping inside a plugin config',
      'version: prometheus/v1\nconfig: {labels: {a: 1}}\n',
    ],
  ])('reads %s as the `yaml` library does', (_what, text) => {
    expect(readDocumentsFast(text)).toBeDefined();
    expectSameAsCareful(text);
  });

  it('reads what the careful reading reads, for any spelling of the scalars', () => {
    // Scalars YAML 1.1, YAML 1.2, Go and js-yaml read differently, spelled
    // plain, quoted and in blocks.
    const scalar = fc.constantFrom(
      ...[
        'gold',
        'yes',
        'no',
        'on',
        'off',
        'y',
        'true',
        'True',
        'FALSE',
        'null',
        '~',
        '',
        '0777',
        '0o17',
        '0x1F',
        '0b101',
        '-0x1F',
        '1_000',
        '+1',
        '-0',
        '.5',
        '1.',
        '1e3',
        '1E+3',
        '99.9',
        '99.90',
        '.inf',
        '-.Inf',
        '.NaN',
        'NaN',
        'Infinity',
        '2026-01-01',
        '1:30',
        'a b',
        'a: b',
        '[a]',
        '{a: 1}',
        '"yes"',
        "'0777'",
        '"99.9"',
        '"a\\tb"',
        '|\n    block\n',
        '>-\n    folded\n',
        '&a x',
        '*a',
        '!!str 1',
        '!!float 1',
        '"x" # comment',
      ],
    );
    const trickyKey = fc.constantFrom(
      'tier',
      'team',
      'yes',
      'null',
      '"1"',
      '0777',
      '.inf',
      'on',
      '~',
    );
    // Mostly spellings that read alike, so that most cases take the fast
    // reader (counted below); the tricky ones check what it leaves alone.
    const plain = fc.constantFrom(
      'gold',
      'a b',
      'x-y_z',
      'v1.2.3',
      '"quoted: yes"',
      "'single'",
      '"99.9%"',
      'http://runbooks/x?a=1',
      '|\n    block\n',
    );
    const anyValue = fc.oneof(
      { arbitrary: plain, weight: 4 },
      { arbitrary: scalar, weight: 1 },
    );
    const anyObjective = fc.oneof(
      {
        arbitrary: fc.constantFrom(
          '99.9',
          '99',
          '9.99e1',
          '0x63',
          '0o143',
          '99.90',
        ),
        weight: 4,
      },
      { arbitrary: scalar, weight: 1 },
    );
    const anyKey = fc.oneof(
      { arbitrary: fc.constantFrom('tier', 'team', 'owner_x'), weight: 4 },
      { arbitrary: trickyKey, weight: 1 },
    );
    // The property would hold trivially if every case fell back: count the
    // cases the fast reader took.
    let readFast = 0;
    fc.assert(
      fc.property(
        anyValue,
        anyObjective,
        anyKey,
        anyValue,
        (label, objective, labelKey, annotation) => {
          const text = `${slothSpec(
            label,
            objective,
          )}    labels:\n      ${labelKey}: ${annotation}\n---\n`;
          if (readDocumentsFast(text)) readFast++;
          expectSameAsCareful(text);
          // The Kubernetes form keeps YAML's types in labels (no Go coercion).
          expectSameAsCareful(
            `apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\nmetadata:\n  name: x\nspec:\n${text
              .replace('version: prometheus/v1\n', '')
              .replace(/^(?=.)/gm, '  ')}`,
          );
        },
      ),
      { numRuns: 1000 },
    );
    expect(readFast).toBeGreaterThan(250);
  });

  it("reads every one of Sloth's golden inputs as the careful reading does", () => {
    // plugins/slo-common/src -> /work/main -> /work/shared (see slothOracle.test.ts).
    const dir = path.resolve(
      __dirname,
      '../../../../shared/oracles/sloth/testdata',
    );
    const inputs = fs
      .readdirSync(dir)
      .filter(name => /^in-.*\.ya?ml$/.test(name));
    expect(inputs.length).toBeGreaterThan(5);
    for (const name of inputs) {
      // eslint-disable-next-line security/detect-non-literal-fs-filename
      expectSameAsCareful(fs.readFileSync(path.join(dir, name), 'utf8'));
    }
  });
});
