// A light, steady synthetic load on the scoring API while `./vigil start` runs,
// so SLOs, budgets and charts show live numbers within a minute: a few requests
// a second in a realistic mix (mostly scoring, some feature look-ups, a few
// client errors), never enough to matter for the service.

/** The request for the n-th tick; `random` returns [0, 1). */
export function demoRequest(n, random = Math.random) {
  const customer = `c-${String(1 + Math.floor(random() * 500)).padStart(
    5,
    '0',
  )}`;
  const roll = random();
  if (roll < 0.8) {
    return {
      method: 'POST',
      path: '/v1/score',
      body: {
        customerId: customer,
        // Ticket sizes skewed small, as card payments are.
        amount: Math.round(5 + 495 * random() ** 3),
        currency: ['EUR', 'EUR', 'EUR', 'USD', 'GBP'][n % 5],
      },
    };
  }
  if (roll < 0.95) {
    return { method: 'GET', path: `/v1/features/${customer}` };
  }
  // A malformed request now and then: clients make mistakes, and 4xx must not
  // count against the availability SLO.
  return {
    method: 'POST',
    path: '/v1/score',
    body: { customerId: customer, amount: -1, currency: 'EUR' },
  };
}

/**
 * Sends `ratePerSecond` requests a second to `baseUrl` until stopped. Failures
 * are counted, never thrown: the service being down is what the portal shows.
 */
export function startDemoTraffic({
  baseUrl,
  ratePerSecond = 4,
  random = Math.random,
  timeoutMs = 5000,
}) {
  const stats = { sent: 0, failed: 0, byStatus: {} };
  let n = 0;
  const tick = async () => {
    const request = demoRequest(n++, random);
    stats.sent += 1;
    try {
      const res = await fetch(`${baseUrl}${request.path}`, {
        method: request.method,
        headers: request.body ? { 'content-type': 'application/json' } : {},
        body: request.body ? JSON.stringify(request.body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer();
      stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
    } catch {
      stats.failed += 1;
    }
  };
  const timer = setInterval(
    tick,
    Math.max(1, Math.round(1000 / ratePerSecond)),
  );
  // Never keeps the launcher alive on its own.
  timer.unref();
  return {
    stats,
    stop: () => clearInterval(timer),
  };
}

/** Demo traffic is on unless --no-demo-traffic or VIGIL_DEMO_TRAFFIC=0|off|false. */
export function demoTrafficEnabled(argv, env) {
  if (argv.includes('--no-demo-traffic')) return false;
  return !/^(0|off|false|no)$/i.test(env.VIGIL_DEMO_TRAFFIC ?? '');
}
