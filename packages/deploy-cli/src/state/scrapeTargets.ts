import fs from 'node:fs';
import path from 'node:path';
import type { Color } from '@vigil/backstage-plugin-deployments-common';

/** One Prometheus file_sd target group. */
export interface TargetGroup {
  targets: string[];
  labels: Record<string, string>;
}

/** The scrape targets of job scoring-api: one per running instance. */
export function scrapeTargetGroups(
  instances: Array<{ color: Color; port: number }>,
): TargetGroup[] {
  return [...instances]
    .sort((a, b) => a.color.localeCompare(b.color))
    .map(instance => ({
      targets: [`127.0.0.1:${instance.port}`],
      labels: { service: 'scoring-api', color: instance.color },
    }));
}

/**
 * Writes .data/prometheus-targets/scoring-api.json (Prometheus watches the
 * file and picks changes up by itself). Atomic, so Prometheus never reads
 * half a file.
 */
export function writeScrapeTargets(
  file: string,
  instances: Array<{ color: Color; port: number }>,
): void {
  // The path is the CLI's own data directory.
  /* eslint-disable security/detect-non-literal-fs-filename */
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(
    temp,
    `${JSON.stringify(scrapeTargetGroups(instances), null, 2)}\n`,
  );
  fs.renameSync(temp, file);
  /* eslint-enable security/detect-non-literal-fs-filename */
}
