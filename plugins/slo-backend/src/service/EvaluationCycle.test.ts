import { mockServices } from '@backstage/backend-test-utils';
import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { EvaluationTelemetry, runEvaluationCycle } from './EvaluationCycle';
import type { EvaluationRunResult } from './SloEvaluator';

/** Records what the telemetry records, as the OpenTelemetry meter would. */
function recordingMetrics() {
  const recorded: Array<{ name: string; value: number; attributes: object }> =
    [];
  const gauges = new Map<
    string,
    (r: { observe: (v: number) => void }) => void
  >();
  const metrics = {
    createHistogram: (name: string) => ({
      record: (value: number, attributes: object = {}) =>
        recorded.push({ name, value, attributes }),
    }),
    createObservableGauge: (name: string) => ({
      addCallback: (callback: (r: { observe: (v: number) => void }) => void) =>
        gauges.set(name, callback),
    }),
  } as unknown as MetricsService;
  const observe = (name: string) => {
    const values: number[] = [];
    gauges.get(name)?.({ observe: v => values.push(v) });
    return values;
  };
  return { metrics, recorded, observe };
}

const evaluated: EvaluationRunResult = {
  outcome: 'evaluated',
  evaluated: 7,
  queries: 16,
  windows: { recorded: 8, raw: 48 },
};

describe('runEvaluationCycle', () => {
  it.each([
    ['evaluated', async () => evaluated],
    [
      'unavailable',
      async (): Promise<EvaluationRunResult> => ({
        outcome: 'unavailable',
        error: 'connection refused',
      }),
    ],
  ] as const)(
    'records the cycle time with outcome %s',
    async (outcome, evaluate) => {
      const { metrics, recorded } = recordingMetrics();
      const clock = [1_000, 3_500, 3_500];
      await runEvaluationCycle({
        evaluate,
        telemetry: new EvaluationTelemetry(metrics),
        logger: mockServices.logger.mock(),
        now: () => clock.shift() ?? 3_500,
      });
      expect(recorded).toEqual([
        {
          name: 'vigil_slo_evaluation_cycle_seconds',
          value: 2.5,
          attributes: { outcome },
        },
      ]);
    },
  );

  it('counts a cycle that throws as failed and rethrows', async () => {
    const { metrics, recorded } = recordingMetrics();
    await expect(
      runEvaluationCycle({
        evaluate: async () => {
          throw new Error('database is gone');
        },
        telemetry: new EvaluationTelemetry(metrics),
        logger: mockServices.logger.mock(),
      }),
    ).rejects.toThrow('database is gone');
    expect(recorded).toEqual([
      expect.objectContaining({ attributes: { outcome: 'failed' } }),
    ]);
  });

  it('exports how many SLOs the last successful cycle evaluated', async () => {
    const { metrics, observe } = recordingMetrics();
    const telemetry = new EvaluationTelemetry(metrics);
    // Nothing before the first cycle: no misleading zero.
    expect(observe('vigil_slo_evaluated_slos')).toEqual([]);
    telemetry.cycle(1, evaluated);
    telemetry.cycle(1, { outcome: 'unavailable', error: 'down' });
    expect(observe('vigil_slo_evaluated_slos')).toEqual([7]);
  });

  it("leaves the sandbox's SLOs out of the count", async () => {
    const { metrics, observe } = recordingMetrics();
    const telemetry = new EvaluationTelemetry(metrics);
    telemetry.cycle(1, { ...evaluated, sandbox: 3 });
    expect(observe('vigil_slo_evaluated_slos')).toEqual([4]);
  });

  it('logs one line per evaluated cycle', async () => {
    const logger = mockServices.logger.mock();
    const { metrics } = recordingMetrics();
    await runEvaluationCycle({
      evaluate: async () => evaluated,
      telemetry: new EvaluationTelemetry(metrics),
      logger,
    });
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Evaluated 7 SLOs with 16 Prometheus queries in \d+ ms \(SLO windows: 8 from recording rules, 48 raw\)$/,
      ),
    );
  });
});
