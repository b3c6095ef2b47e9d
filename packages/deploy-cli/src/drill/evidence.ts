import fs from 'node:fs';
import path from 'node:path';
import {
  DrillFile,
  drillFileSchema,
  renderDrillMarkdown,
} from '@vigil/backstage-plugin-deployments-common';

export interface DrillEvidencePaths {
  json: string;
  markdown: string;
}

// The evidence directory is the CLI's --out (validation/drills by default).
/* eslint-disable security/detect-non-literal-fs-filename */

/**
 * Writes `<dir>/<id>.json` (validated against the schema launch gates read)
 * and `<dir>/<id>.md`. Never overwrites: evidence is a new pair per drill.
 */
export function writeDrillEvidence(
  dir: string,
  file: DrillFile,
): DrillEvidencePaths {
  const checked = drillFileSchema.parse(file);
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, `${checked.id}.json`);
  const markdown = path.join(dir, `${checked.id}.md`);
  fs.writeFileSync(json, `${JSON.stringify(checked, null, 2)}\n`, {
    flag: 'wx',
  });
  fs.writeFileSync(markdown, renderDrillMarkdown(checked), { flag: 'wx' });
  return { json, markdown };
}
