// What the generated lines look like: the scoring API's pino lines (one per
// request, a slow-request warning now and then, rare errors) and the
// backend's, with request and trace ids.
export const MESSAGES = [
  ['info', 'request completed'],
  ['info', 'scored payment for customer'],
  ['debug', 'feature cache hit'],
  ['info', 'request completed'],
  ['warn', 'slow request'],
  ['error', 'feature store timeout'],
];

/** A pino-style JSON line, as rsyslog's imfile reads it. */
export function jsonLine(i, service, now) {
  const [level, msg] = MESSAGES[i % 50 === 0 ? 4 : i % 997 === 0 ? 5 : i % 4];
  return JSON.stringify({
    level,
    time: new Date(now).toISOString(),
    service,
    hostname: 'bench',
    request_id: `req-${Math.floor(i / 3)}`,
    trace_id: (i * 7919).toString(16).padStart(32, '0'),
    span_id: (i * 104729).toString(16).padStart(16, '0'),
    msg,
    route: '/v1/score',
    status: level === 'error' ? 500 : 200,
    durationMs: level === 'warn' ? 812 : 12 + (i % 40),
  });
}
