import type { SmokeCheck } from '@vigil/backstage-plugin-deployments-common';

/** A customer the scoring API seeds at start (scoring.ts demoCustomerId(1)). */
export const SMOKE_CUSTOMER_ID = 'c-00001';

/** The series the SLOs and dashboards read; a release without them is not shipped. */
export const EXPECTED_SERIES = [
  'http_requests_total',
  'http_request_duration_seconds_bucket',
  'scoring_build_info',
];

export interface SmokeTarget {
  /** Base URL of one instance, e.g. http://127.0.0.1:8082. */
  url: string;
  /** Its name in results: the colour. */
  name: string;
  /** The version it must report in scoring_build_info. */
  expectedVersion: string;
}

export interface SmokeOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => Date;
}

type CheckOutcome = { ok: boolean; detail: string };

async function timed(
  name: string,
  target: SmokeTarget,
  options: SmokeOptions,
  run: () => Promise<CheckOutcome>,
): Promise<SmokeCheck> {
  const now = options.now ?? (() => new Date());
  const at = now();
  const started = Date.now();
  let outcome: CheckOutcome;
  try {
    outcome = await run();
  } catch (error) {
    const e = error as Error;
    outcome = {
      ok: false,
      detail:
        e.name === 'TimeoutError'
          ? `no answer within ${options.timeoutMs ?? 5000} ms`
          : `request failed: ${
              (e.cause as Error | undefined)?.message ?? e.message
            }`,
    };
  }
  return {
    name,
    ok: outcome.ok,
    target: target.name,
    at: at.toISOString(),
    durationMs: Date.now() - started,
    detail: outcome.detail.slice(0, 2000),
  };
}

async function bodyText(res: Response): Promise<string> {
  return (await res.text().catch(() => '')).slice(0, 200);
}

/**
 * The smoke tests of one instance, addressed directly (not through the
 * proxy): readiness, a real scoring request, and /metrics exposing the
 * series the SLOs need with this release's scoring_build_info.
 */
export async function runSmokeTests(
  target: SmokeTarget,
  options: SmokeOptions = {},
): Promise<SmokeCheck[]> {
  const doFetch = options.fetch ?? fetch;
  const signal = () => AbortSignal.timeout(options.timeoutMs ?? 5000);
  const checks: SmokeCheck[] = [];

  checks.push(
    await timed('readiness', target, options, async () => {
      const res = await doFetch(`${target.url}/readyz`, { signal: signal() });
      return res.ok
        ? { ok: true, detail: 'GET /readyz answered 200' }
        : {
            ok: false,
            detail: `GET /readyz answered ${res.status}: ${await bodyText(
              res,
            )}`,
          };
    }),
  );

  checks.push(
    await timed('score', target, options, async () => {
      const res = await doFetch(`${target.url}/v1/score`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          customerId: SMOKE_CUSTOMER_ID,
          amount: 42.5,
          currency: 'EUR',
          merchantId: 'vigil-deploy-smoke',
        }),
        signal: signal(),
      });
      if (!res.ok) {
        return {
          ok: false,
          detail: `POST /v1/score answered ${res.status}: ${await bodyText(
            res,
          )}`,
        };
      }
      const body = (await res.json()) as { decision?: string; score?: number };
      if (
        !['approve', 'review', 'decline'].includes(String(body.decision)) ||
        typeof body.score !== 'number'
      ) {
        return {
          ok: false,
          detail: `POST /v1/score answered 200 without a decision and score: ${JSON.stringify(
            body,
          ).slice(0, 200)}`,
        };
      }
      return {
        ok: true,
        detail: `POST /v1/score answered 200 (${body.decision}, score ${body.score})`,
      };
    }),
  );

  checks.push(
    await timed('metrics', target, options, async () => {
      const res = await doFetch(`${target.url}/metrics`, { signal: signal() });
      if (!res.ok) {
        return { ok: false, detail: `GET /metrics answered ${res.status}` };
      }
      const text = await res.text();
      const lines = text.split('\n');
      const missing = EXPECTED_SERIES.filter(
        series => !lines.some(line => line.startsWith(`${series}{`)),
      );
      if (missing.length > 0) {
        return {
          ok: false,
          detail: `GET /metrics lacks ${missing.join(', ')}`,
        };
      }
      const build = /^scoring_build_info\{([^}]*)\} 1$/m.exec(text)?.[1] ?? '';
      const version = /version="([^"]*)"/.exec(build)?.[1];
      if (version !== target.expectedVersion) {
        return {
          ok: false,
          detail: `scoring_build_info says version ${
            version ?? '(none)'
          }, expected ${target.expectedVersion}`,
        };
      }
      return {
        ok: true,
        detail: `GET /metrics has ${EXPECTED_SERIES.join(
          ', ',
        )} (version ${version})`,
      };
    }),
  );

  return checks;
}

/** The first failed check, in words: "POST /v1/score answered 500: ...". */
export function describeSmokeFailure(checks: SmokeCheck[]): string | undefined {
  const failed = checks.find(c => !c.ok);
  return failed ? `${failed.detail ?? `${failed.name} failed`}` : undefined;
}
