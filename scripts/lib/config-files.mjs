// Checks the hand-edited configuration files before anything starts, so a
// typo gives one line naming the file and the spot instead of a stack trace.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';

export class ConfigFileError extends Error {}

export const CONFIG_FILES = [
  'app-config.yaml',
  'app-config.production.yaml',
  'catalog-info.yaml',
  'ops/prometheus/prometheus.yml',
  'ops/alertmanager/alertmanager.yml',
  'runbooks/mkdocs.yml',
  'techdocs/mkdocs.yml',
];

/** Throws ConfigFileError with a one-line explanation for the first bad file. */
export function checkYamlFile(root, file) {
  const full = path.join(root, file);
  let text;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch {
    throw new ConfigFileError(
      `${file} is missing; restore it with 'git checkout -- ${file}'`,
    );
  }
  for (const doc of parseAllDocuments(text)) {
    const error = doc.errors[0];
    if (error) {
      const where = error.linePos?.[0];
      const at = where ? ` at line ${where.line}, column ${where.col}` : '';
      const what = error.message
        .split('\n')[0]
        .replace(/ at line \d+, column \d+:?$/, '');
      throw new ConfigFileError(
        `${file} is not valid YAML${at}: ${what}; fix it and run the command again`,
      );
    }
    const value = doc.toJS();
    if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
      throw new ConfigFileError(
        `${file} must hold a YAML mapping (key: value lines) at the top level`,
      );
    }
  }
}

export function checkConfigFiles(root) {
  for (const file of CONFIG_FILES) checkYamlFile(root, file);
  const amtool = spawnSync(
    'amtool',
    ['check-config', 'ops/alertmanager/alertmanager.yml'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (amtool.status !== null && amtool.status !== 0 && !amtool.error) {
    const why = `${amtool.stdout}\n${amtool.stderr}`
      .split('\n')
      .find(l => /FAILED|error/i.test(l));
    throw new ConfigFileError(
      `ops/alertmanager/alertmanager.yml is invalid: ${
        why?.trim() ?? 'amtool check-config failed'
      }`,
    );
  }
}

/**
 * What promtool says is wrong with ops/prometheus/prometheus.yml, as one
 * line; undefined when it is valid (promtool must be installed).
 */
export function prometheusConfigProblem(root) {
  const check = spawnSync(
    'promtool',
    ['check', 'config', 'ops/prometheus/prometheus.yml'],
    { cwd: root, encoding: 'utf8' },
  );
  if (check.status === 0) return undefined;
  const why = `${check.stdout}\n${check.stderr}`
    .split('\n')
    .find(l => /FAILED|error/i.test(l));
  return `ops/prometheus/prometheus.yml is invalid: ${
    why?.trim() ?? 'promtool check config failed'
  }`;
}
