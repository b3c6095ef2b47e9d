import type { HistoryReset } from './admin';

/**
 * Every series of the sandbox: what its scrape job collects and what
 * Prometheus records and alerts on from its SLO specs (their `sandbox`
 * label). Nothing of a real service carries either.
 */
export const SANDBOX_SERIES_MATCHERS = ['{job="sandbox"}', '{sandbox="true"}'];

/**
 * Deletes the sandbox's series from Prometheus (its admin API: ./vigil
 * start --sandbox enables it), so a reset SLO starts with its whole error
 * budget instead of carrying the last exercise's burn for 30 days.
 */
export async function deleteSandboxSeries(
  prometheusUrl: string,
  fetchImpl: typeof fetch = fetch,
): Promise<HistoryReset> {
  const url = new URL('api/v1/admin/tsdb/delete_series', `${prometheusUrl}/`);
  for (const matcher of SANDBOX_SERIES_MATCHERS) {
    url.searchParams.append('match[]', matcher);
  }
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: 'POST',
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    return {
      deleted: false,
      detail: `Prometheus at ${prometheusUrl} cannot be reached (${
        (error as Error).message
      }); its sandbox series are kept`,
    };
  }
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (res.ok) {
    return {
      deleted: true,
      detail: `deleted the series matching ${SANDBOX_SERIES_MATCHERS.join(
        ' and ',
      )} from Prometheus`,
    };
  }
  // Prometheus answers 500 "admin APIs disabled" without the flag.
  return {
    deleted: false,
    detail: /admin APIs disabled/i.test(body.error ?? '')
      ? "Prometheus's admin API is off: start Prometheus with --web.enable-admin-api (VIGIL_PROMETHEUS_ADMIN_API=1) to delete the sandbox's series on reset"
      : `Prometheus refused to delete the sandbox's series (HTTP ${res.status}${
          body.error ? `: ${body.error}` : ''
        })`,
  };
}
