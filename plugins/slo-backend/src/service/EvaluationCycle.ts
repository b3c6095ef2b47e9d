import type { LoggerService } from '@backstage/backend-plugin-api';
import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import type { EvaluationRunResult } from './SloEvaluator';

/** What a cycle ended with: a bounded label value. */
export type EvaluationCycleOutcome = 'evaluated' | 'unavailable' | 'failed';

// Cycles run every 15 s by default; anything near that is what to see.
const CYCLE_BUCKETS_S = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60];

/**
 * The SLO backend's own metrics (served by the backend's OpenTelemetry
 * exporter as `vigil_slo_*`): how long each evaluation cycle takes and how
 * it ended, and how many SLOs the last one evaluated (not the sandbox's).
 */
export class EvaluationTelemetry {
  private readonly cycleSeconds;
  private lastEvaluated?: number;

  constructor(metrics: MetricsService) {
    this.cycleSeconds = metrics.createHistogram<{
      outcome: EvaluationCycleOutcome;
    }>('vigil_slo_evaluation_cycle_seconds', {
      description:
        'Time an SLO evaluation cycle took, by outcome (evaluated, unavailable: Prometheus unreachable, failed)',
      unit: 's',
      advice: { explicitBucketBoundaries: CYCLE_BUCKETS_S },
    });
    metrics
      .createObservableGauge('vigil_slo_evaluated_slos', {
        description:
          'SLOs the last successful evaluation cycle evaluated (sandbox SLOs not counted)',
      })
      .addCallback(result => {
        if (this.lastEvaluated !== undefined)
          result.observe(this.lastEvaluated);
      });
  }

  cycle(seconds: number, result: EvaluationRunResult | undefined): void {
    const outcome: EvaluationCycleOutcome = result?.outcome ?? 'failed';
    this.cycleSeconds.record(seconds, { outcome });
    // The sandbox's SLOs are practice, never real metrics.
    if (result?.outcome === 'evaluated') {
      this.lastEvaluated = result.evaluated - (result.sandbox ?? 0);
    }
  }
}

/**
 * One scheduled evaluation: runs it, records its time and outcome (a cycle
 * that throws counts as `failed` and still throws, so the scheduler logs
 * it), and logs one line per successful run.
 */
export async function runEvaluationCycle(options: {
  evaluate: () => Promise<EvaluationRunResult>;
  telemetry: EvaluationTelemetry;
  logger: LoggerService;
  now?: () => number;
}): Promise<EvaluationRunResult> {
  const now = options.now ?? Date.now;
  const started = now();
  let result: EvaluationRunResult | undefined;
  try {
    result = await options.evaluate();
  } finally {
    options.telemetry.cycle((now() - started) / 1000, result);
  }
  // One line per run: how long a cycle takes is what operators (and
  // loadtest/slo-benchmark.mjs) watch as SLOs grow.
  if (result.outcome === 'evaluated') {
    options.logger.info(
      `Evaluated ${result.evaluated} SLOs with ${
        result.queries
      } Prometheus queries in ${now() - started} ms (SLO windows: ${
        result.windows.recorded
      } from recording rules, ${result.windows.raw} raw)`,
    );
  }
  return result;
}
