import { z } from 'zod';
import {
  loadTestReportSchema,
  type LoadTestReport,
} from '@vigil/backstage-plugin-launch-gates-common';
import type { LaunchGatesCheckProvider } from '@vigil/backstage-plugin-launch-gates-node';
import type { ReportSource } from '../evaluation/reportSource';
import { describeOrigin, newestReport } from './newestReport';
import { daysSince, gigabytes, listInWords } from './util';

const paramsSchema = z
  .object({
    /** How old the newest report may be. */
    maxAgeDays: z.number().int().min(1).max(365).default(30),
  })
  .strict();
type Params = z.infer<typeof paramsSchema>;

/**
 * The newest load-test report of the entity, committed under
 * `validation/load-tests/` or posted by CI, within the latency and memory
 * targets.
 */
export function createLoadTestProvider(options: {
  reportSource: ReportSource;
}): LaunchGatesCheckProvider<Params> {
  return {
    id: 'load-test',
    title: 'Load test within targets',
    description:
      'The newest load-test report (validation/load-tests/*.json or posted to /reports) is at most `maxAgeDays` old and within the p95 latency and peak memory targets.',
    paramsSchema,
    measures: [
      { name: 'p95Ms', description: '95th percentile latency, ms' },
      { name: 'p99Ms', description: '99th percentile latency, ms' },
      {
        name: 'peakMemoryBytes',
        description: 'Peak resident memory of the service under load, bytes',
      },
      {
        name: 'errorRatio',
        description:
          'Failed requests over all requests (null without requests)',
      },
      { name: 'requests', description: 'Requests sent' },
      { name: 'ageDays', description: 'Days since the run' },
    ],
    defaultPassRule: params => [
      { measure: 'p95Ms', op: '<=', target: 800, stretch: 600 },
      { measure: 'peakMemoryBytes', op: '<=', target: 3.7e9, stretch: 2.5e9 },
      { measure: 'errorRatio', op: '<=', target: 0.01 },
      { measure: 'ageDays', op: '<=', target: params.maxAgeDays },
    ],
    async evaluate(context) {
      const { found, sourceErrors, invalidFiles } =
        await newestReport<LoadTestReport>(context, {
          subdirectory: 'load-tests',
          kind: 'load-test',
          schema: loadTestReportSchema,
          reportSource: options.reportSource,
        });
      if (!found) {
        return {
          kind: 'unknown',
          reason:
            sourceErrors.length > 0
              ? `no load-test report could be read: ${listInWords(
                  sourceErrors,
                )}`
              : `no load-test report of ${context.entityRef} in validation/load-tests/ or posted to the launch-gates API`,
          ...(invalidFiles.length > 0 ? { details: { invalidFiles } } : {}),
        };
      }
      const { report, origin } = found;
      const errorRatio =
        report.requests > 0
          ? Math.round((report.errors / report.requests) * 1e6) / 1e6
          : null;
      const ageDays = daysSince(report.ranAt, context.now);
      return {
        kind: 'measured',
        measurements: {
          p95Ms: report.latencyMs.p95,
          p99Ms: report.latencyMs.p99,
          peakMemoryBytes: report.peakMemoryBytes,
          errorRatio,
          requests: report.requests,
          ageDays,
        },
        summary: `p95 ${report.latencyMs.p95} ms, peak memory ${gigabytes(
          report.peakMemoryBytes,
        )}, ${
          errorRatio === null
            ? 'no requests'
            : `${(errorRatio * 100).toFixed(2)}% errors`
        }, ran ${ageDays} days ago (${describeOrigin(origin)})`,
        links:
          origin.source === 'file' && origin.link
            ? [{ title: `Load-test report ${origin.file}`, url: origin.link }]
            : [],
        observedAt: report.ranAt,
        details: {
          origin,
          tool: report.tool,
          load: report.load,
          latencyMs: report.latencyMs,
          errors: report.errors,
          ...(report.commit ? { commit: report.commit } : {}),
          ...(report.version ? { version: report.version } : {}),
          ...(sourceErrors.length > 0 ? { sourceErrors } : {}),
          ...(invalidFiles.length > 0 ? { invalidFiles } : {}),
        },
      };
    },
  };
}
