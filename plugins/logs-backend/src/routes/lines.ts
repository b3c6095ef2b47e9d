import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseStorable as parse, rawQuery } from '@vigil/backend-kit';
import {
  logSearchQuerySchema,
  logTailQuerySchema,
} from '@vigil/backstage-plugin-logs-common';
import type express from 'express';
import { z } from 'zod';
import type { LogsService } from '../service/LogsService';

/** What the routes get: the service and the request helpers. */
export interface RouteContext {
  router: express.Router;
  logs: Pick<LogsService, 'search' | 'tail'>;
  /** A user's or a service's credentials (401 otherwise). */
  credentialsOf(req: express.Request): Promise<BackstageCredentials>;
}

// Catalog names: letters, digits and -_. (kinds and namespaces alike).
const namePart = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a catalog name');
const entityPathSchema = z
  .object({ kind: namePart, namespace: namePart, name: namePart })
  .strict();

/** An entity's lines: search and live tail (whoever may read the entity). */
export function registerLineRoutes(context: RouteContext): void {
  const { router, logs, credentialsOf } = context;

  router.get('/entities/:kind/:namespace/:name/lines', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entity = parse(entityPathSchema, req.params, 'path');
    const query = parse(logSearchQuerySchema, rawQuery(req), 'query');
    res.json(await logs.search(entity, query, credentials));
  });

  router.get('/entities/:kind/:namespace/:name/tail', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entity = parse(entityPathSchema, req.params, 'path');
    const query = parse(logTailQuerySchema, rawQuery(req), 'query');
    // Polled every few seconds: never cached by a proxy or the browser.
    res.set('cache-control', 'no-store');
    res.json(await logs.tail(entity, query, credentials));
  });
}
