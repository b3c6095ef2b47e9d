// The benchmark's evidence directory: what `validation/` holds for the
// scoring API (its committed load-test report, security scan and rollback
// drill), once for every seeded entity, so the file-reading checks list and
// parse as many files as a portfolio of that size would commit.
import fs from 'node:fs';
import path from 'node:path';
import { root } from '../lib/process.mjs';

/** The newest committed `*-scoring-api.json` of a validation/ folder. */
function newestCommitted(folder) {
  const dir = path.join(root, 'validation', folder);
  const names = fs
    .readdirSync(dir)
    .filter(n => n.endsWith('-scoring-api.json'))
    .sort();
  if (names.length === 0) {
    throw new Error(`validation/${folder}/ has no scoring-api report to copy`);
  }
  return JSON.parse(fs.readFileSync(path.join(dir, names.at(-1)), 'utf8'));
}

/**
 * Writes `<dir>/{load-tests,security,drills}/<ts>-<name>.json` for each
 * entity (its entityRef in place of the scoring API's); returns the count.
 */
export function writeEvidence(dir, plans) {
  const templates = {
    'load-tests': newestCommitted('load-tests'),
    security: newestCommitted('security'),
    drills: newestCommitted('drills'),
  };
  let files = 0;
  for (const [folder, template] of Object.entries(templates)) {
    fs.mkdirSync(path.join(dir, folder), { recursive: true });
    for (const plan of plans) {
      const stamp = template.id
        ? template.id.split('-')[0]
        : `${template.ranAt.slice(0, 19).replace(/[-:]/g, '')}Z`;
      const id = `${stamp}-${plan.name}`;
      const file = {
        ...template,
        entityRef: plan.entityRef,
        ...(template.id ? { id } : {}),
      };
      fs.writeFileSync(
        path.join(dir, folder, `${id}.json`),
        JSON.stringify(file, null, 2),
      );
      files += 1;
    }
  }
  return files;
}
