import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import request from 'supertest';
import type { StatusOf } from './contractTests';

/**
 * What a plugin's OpenAPI document alone accepts, served at `basePath`: the
 * validator a router built with `createValidatedOpenApiRouter` starts with
 * (without its security check, as tests send no credentials), over handlers
 * that answer 200 with `{}`; what it refuses answers 400 with the message.
 */
export function documentOnlyApp(
  spec: Parameters<typeof createValidatedOpenApiRouter>[0],
  basePath: string,
): express.Express {
  return express().use(
    basePath,
    createValidatedOpenApiRouter(spec, {
      validatorOptions: { validateSecurity: false },
    })
      .use((_req, res) => {
        res.json({});
      })
      .use(((error, _req, res, _next) => {
        res.status(400).json({ message: (error as Error).message });
      }) as express.ErrorRequestHandler),
  );
}

/** The statuses of GETs of `app` at URLs relative to `basePath`. */
export function statusOf(app: express.Express, basePath: string): StatusOf {
  return async url => (await request(app).get(`${basePath}${url}`)).status;
}
