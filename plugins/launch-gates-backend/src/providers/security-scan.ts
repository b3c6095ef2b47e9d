import { z } from 'zod';
import {
  securityScanReportSchema,
  type SecurityScanReport,
} from '@vigil/backstage-plugin-launch-gates-common';
import type { LaunchGatesCheckProvider } from '@vigil/backstage-plugin-launch-gates-node';
import type { ReportSource } from '../evaluation/reportSource';
import { describeOrigin, newestReport } from './newestReport';
import { daysSince, listInWords, plural } from './util';

const paramsSchema = z
  .object({
    /** How old the newest scan may be. */
    maxAgeDays: z.number().int().min(1).max(365).default(30),
  })
  .strict();
type Params = z.infer<typeof paramsSchema>;

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

/**
 * The newest security scan of the entity, committed under
 * `validation/security/` or posted by CI: every scanner completed and no
 * critical or high finding.
 */
export function createSecurityScanProvider(options: {
  reportSource: ReportSource;
}): LaunchGatesCheckProvider<Params> {
  return {
    id: 'security-scan',
    title: 'Security scan clean',
    description:
      'The newest security scan (validation/security/*.json or posted to /reports) is at most `maxAgeDays` old, every scanner completed, and it found nothing critical or high.',
    paramsSchema,
    measures: [
      ...SEVERITIES.map(severity => ({
        name: severity,
        description: `Findings of severity ${severity}`,
      })),
      {
        name: 'incompleteScanners',
        description: 'Scanners that did not complete',
      },
      { name: 'ageDays', description: 'Days since the scan' },
    ],
    defaultPassRule: params => [
      { measure: 'critical', op: '==', target: 0 },
      { measure: 'high', op: '==', target: 0 },
      { measure: 'incompleteScanners', op: '==', target: 0 },
      { measure: 'ageDays', op: '<=', target: params.maxAgeDays },
    ],
    async evaluate(context) {
      const { found, sourceErrors, invalidFiles } =
        await newestReport<SecurityScanReport>(context, {
          subdirectory: 'security',
          kind: 'security-scan',
          schema: securityScanReportSchema,
          reportSource: options.reportSource,
        });
      if (!found) {
        return {
          kind: 'unknown',
          reason:
            sourceErrors.length > 0
              ? `no security scan could be read: ${listInWords(sourceErrors)}`
              : `no security scan of ${context.entityRef} in validation/security/ or posted to the launch-gates API`,
          ...(invalidFiles.length > 0 ? { details: { invalidFiles } } : {}),
        };
      }
      const { report, origin } = found;
      const counts = Object.fromEntries(
        SEVERITIES.map(s => [
          s,
          report.findings.filter(f => f.severity === s).length,
        ]),
      ) as Record<(typeof SEVERITIES)[number], number>;
      const incomplete = report.scanners.filter(s => !s.completed);
      const ageDays = daysSince(report.ranAt, context.now);
      return {
        kind: 'measured',
        measurements: {
          ...counts,
          incompleteScanners: incomplete.length,
          ageDays,
        },
        summary: `${counts.critical} critical, ${counts.high} high, ${
          counts.medium
        } medium findings from ${plural(report.scanners.length, 'scanner')}${
          incomplete.length > 0
            ? ` (${incomplete.map(s => s.name).join(', ')} did not complete)`
            : ''
        }, ran ${ageDays} days ago (${describeOrigin(origin)})`,
        links:
          origin.source === 'file' && origin.link
            ? [{ title: `Security scan ${origin.file}`, url: origin.link }]
            : [],
        observedAt: report.ranAt,
        details: {
          origin,
          scanners: report.scanners,
          // The findings that block, in full; the rest are counted above.
          findings: report.findings
            .filter(f => f.severity === 'critical' || f.severity === 'high')
            .slice(0, 100),
          ...(report.commit ? { commit: report.commit } : {}),
          ...(sourceErrors.length > 0 ? { sourceErrors } : {}),
          ...(invalidFiles.length > 0 ? { invalidFiles } : {}),
        },
      };
    },
  };
}
