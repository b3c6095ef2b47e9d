import fs from 'node:fs';
import path from 'node:path';
import type { ReviewExport } from '@vigil/backstage-plugin-launch-gates-common';

/** `2026-12-01T09:03:04.123Z` as `20261201T090304Z`. */
export function compactTimestamp(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** The entity's name as a safe directory name (`component:default/x` to `x`). */
export function entityDirName(entityRef: string): string {
  const name = entityRef.slice(entityRef.lastIndexOf('/') + 1);
  return name.replace(/[^a-zA-Z0-9._-]/g, '_').replace(/^\.+/, '_') || '_';
}

export interface WrittenExport {
  json: string;
  markdown: string;
}

// The output directory is the operator's --out.
/* eslint-disable security/detect-non-literal-fs-filename */

/**
 * Writes `<outDir>/<entity name>/<exported at>-<first 8 of the id>.json`
 * and `.md`. Never overwrites: an export is a new pair each time.
 */
export function writeExport(
  outDir: string,
  doc: ReviewExport,
  markdown: string,
): WrittenExport {
  const dir = path.join(outDir, entityDirName(doc.review.entityRef));
  const base = `${compactTimestamp(doc.exportedAt)}-${doc.review.id
    .replace(/[^a-zA-Z0-9]/g, '')
    .slice(0, 8)}`;
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, `${base}.json`);
  const md = path.join(dir, `${base}.md`);
  fs.writeFileSync(json, `${JSON.stringify(doc, null, 2)}\n`, { flag: 'wx' });
  fs.writeFileSync(md, markdown.endsWith('\n') ? markdown : `${markdown}\n`, {
    flag: 'wx',
  });
  return { json, markdown: md };
}
