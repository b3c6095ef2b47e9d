import { timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from '@backstage/errors';
import type express from 'express';
import type { ClientRateLimiter } from '../service/ClientRateLimiter';
import type { RumTelemetry } from '../service/RumTelemetry';

export const COLLECT_PATH = '/collect';

/** Headers Faro's fetch transport sends (besides the CORS-safelisted ones). */
const ALLOWED_HEADERS =
  'Content-Type, Content-Encoding, X-Api-Key, X-Faro-Session-Id, Idempotency-Key';

const isCollect = (req: express.Request) =>
  req.path.replace(/\/+$/, '') === COLLECT_PATH;

/**
 * CORS of the collector, answered before anything else so that browsers
 * can read every answer (413 and 429 included): the configured origins
 * only, no credentials (Faro sends none). Preflights end here (204).
 * Other routes keep the backend's own CORS.
 */
export function collectorCors(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  return (
    req: express.Request,
    res: express.Response,
    next: express.NextFunction,
  ) => {
    if (!isCollect(req)) return next();
    const origin = req.headers.origin;
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
      res.append('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      if (origin && allowed.has(origin)) {
        res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.status(204).end();
      return undefined;
    }
    return next();
  };
}

/** A 429 answered in Backstage's error shape. */
class TooManyRequestsError extends Error {
  readonly name = 'TooManyRequestsError';
  readonly statusCode = 429;
}

/**
 * The collector's rate limit per client address and its optional app key,
 * both checked before the body is read (a flood costs no parsing).
 */
export function collectorAdmission(options: {
  limiter: ClientRateLimiter;
  apiKey?: string;
  telemetry: RumTelemetry;
}) {
  const expectedKey = options.apiKey ? Buffer.from(options.apiKey) : undefined;
  return (
    req: express.Request,
    res: express.Response,
    next: express.NextFunction,
  ) => {
    if (!isCollect(req) || req.method !== 'POST') return next();
    const wait = options.limiter.take(req.ip ?? 'unknown');
    if (wait > 0) {
      options.telemetry.request('rate_limited');
      res.setHeader('Retry-After', String(wait));
      return next(
        new TooManyRequestsError(
          `Too many RUM payloads from this client; retry in ${wait} s`,
        ),
      );
    }
    if (expectedKey) {
      const sent = Buffer.from(String(req.headers['x-api-key'] ?? ''));
      if (
        sent.length !== expectedKey.length ||
        !timingSafeEqual(sent, expectedKey)
      ) {
        options.telemetry.request('unauthorized');
        return next(
          new AuthenticationError('Missing or wrong RUM app key (x-api-key)'),
        );
      }
    }
    return next();
  };
}
