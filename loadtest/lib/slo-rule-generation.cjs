// Times parsing and rule generation for a multi-document spec file in
// process (the CLI's start-up is not part of the figure), cold and warm.
// Prints JSON.
// With an output path, also writes every group as one Prometheus rule file
// (untimed): Prometheus reads only the first document of a rule file.
require('@backstage/cli/config/nodeTransform.cjs');
const fs = require('node:fs');
const {
  parseSloSpecFiles,
  generateRuleFiles,
  renderRuleFilesYaml,
  renderRulesYaml,
} = require('../../plugins/slo-common/src');

const [file, rulesOutput] = process.argv.slice(2);
const content = fs.readFileSync(file, 'utf8');
const ms = (a, b) => Math.round(Number(b - a) / 1e6);

/** Parses, generates and renders once, timing each step. */
function generateOnce() {
  const t0 = process.hrtime.bigint();
  const parsed = parseSloSpecFiles([{ source: file, content }]);
  const t1 = process.hrtime.bigint();
  const files = generateRuleFiles(parsed.specs);
  const t2 = process.hrtime.bigint();
  const yaml = renderRuleFilesYaml(files);
  const t3 = process.hrtime.bigint();
  return {
    parsed,
    files,
    yaml,
    timing: {
      parseMs: ms(t0, t1),
      generateMs: ms(t1, t2),
      renderMs: ms(t2, t3),
      totalMs: ms(t0, t3),
    },
  };
}

// The first run in a fresh process (what a CLI pays), then the same input
// again, as a running backend renders it (its code already compiled).
const cold = generateOnce();
const warm = generateOnce();
const { parsed, files, yaml } = cold;
console.log(
  JSON.stringify({
    slos: parsed.specs.length,
    errors: parsed.errors.length,
    rules: files.reduce(
      (n, f) => n + f.groups.reduce((m, g) => m + g.rules.length, 0),
      0,
    ),
    ...cold.timing,
    warm: warm.timing,
    yamlBytes: yaml.length,
  }),
);
if (rulesOutput) {
  fs.writeFileSync(rulesOutput, renderRulesYaml(files.flatMap(f => f.groups)));
}
