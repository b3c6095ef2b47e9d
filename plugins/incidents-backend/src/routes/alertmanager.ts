import { AuthenticationError, InputError } from '@backstage/errors';
import {
  nulBytePaths,
  parseAlertmanagerPayload,
} from '@vigil/backstage-plugin-incidents-common';
import { createHash, timingSafeEqual } from 'crypto';
import express from 'express';
import type { RouteContext } from './util';

/**
 * Paths reachable without a Backstage token (the handler checks its own).
 * The backend's root router gives this path its own rate-limit bucket
 * (packages/backend/src/rootHttpRouter.ts, ALERTMANAGER_WEBHOOK_PATH): keep
 * them in step.
 */
export const WEBHOOK_PATH = '/alertmanager/webhook';

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Constant-time comparison of the presented bearer token with the configured one. */
function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!match) return false;
  return timingSafeEqual(sha256(match[1].trim()), sha256(token));
}

/**
 * The Alertmanager webhook. Registered before the JSON body parser of the
 * other routes: it authenticates before reading a (possibly large) body,
 * and has its own body limit.
 */
export function registerAlertmanagerRoutes(context: RouteContext): void {
  const { router, httpAuth, config, telemetry, logger, services } = context;

  router.post(
    WEBHOOK_PATH,
    async (req, _res, next) => {
      const token = config.alertmanager.webhookToken;
      if (token && tokenMatches(req.headers.authorization, token)) {
        next();
        return;
      }
      try {
        await httpAuth.credentials(req, { allow: ['service'] });
      } catch {
        telemetry?.notification('rejected');
        throw new AuthenticationError(
          'Alertmanager webhook: send the configured token as "Authorization: Bearer <token>" or Backstage service credentials',
        );
      }
      next();
    },
    express.json({ limit: config.alertmanager.maxPayloadSize }),
    async (req, res) => {
      const started = process.hrtime.bigint();
      const done = (status: number) =>
        telemetry?.webhookTook(
          Number(process.hrtime.bigint() - started) / 1e9,
          status,
        );
      const nulPaths = nulBytePaths(req.body);
      const parsed = nulPaths.length
        ? {
            ok: false as const,
            errors: nulPaths.map(
              p => `${p}: must not contain NUL characters (\\u0000)`,
            ),
          }
        : parseAlertmanagerPayload(req.body);
      if (!parsed.ok) {
        telemetry?.notification('rejected');
        done(400);
        throw new InputError(
          `Invalid Alertmanager payload: ${parsed.errors.join('; ')}`,
        );
      }
      try {
        const result = await services.alertmanager.ingestAlertmanager(
          parsed.payload,
        );
        for (const warning of result.warnings) {
          logger.warn(
            `Alertmanager group ${parsed.payload.groupKey}: ${warning}`,
          );
        }
        done(200);
        res.json(result);
      } catch (error) {
        // Whatever the database could not take is a 5xx: Alertmanager retries.
        done(500);
        throw error;
      }
    },
  );
}
