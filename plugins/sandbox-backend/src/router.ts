import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  faultSettingsSchema,
  sandboxFaultsUpdatePermission,
  sandboxResetPermission,
  sandboxServiceNameSchema,
} from '@vigil/backstage-plugin-sandbox-common';
import {
  createAudited,
  createErrorResponder,
  keepRawQuery,
  parseStorable as parse,
  rawQuery,
} from '@vigil/backend-kit';
import express from 'express';
import { z } from 'zod';
import { spec } from './schema/openapi.generated';
import type { SandboxService } from './service/SandboxService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  sandbox: SandboxService;
}

/** Routes take no query parameters; unknown ones are a 400. */
const noQuerySchema = z.object({}).strict();

/**
 * The HTTP API (openapi.yaml); thin: every request is checked against the
 * document, then parsed with sandbox-common's zod schemas, authenticated,
 * authorized, audited when it changes something, and handed to the service.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, sandbox } = options;
  const errors = createErrorResponder({
    serviceName: 'sandbox backend',
    logger: options.logger,
    spec,
  });
  // Body errors are answered here (a too large body is a 413): the
  // validator would make every error of its middleware a plain 400.
  const json = express.json({ limit: '16kb' });
  const jsonBodies: express.RequestHandler = (req, res, next) =>
    json(req, res, error => {
      if (error) errors.send(error, req, res);
      else next();
    });
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    middleware: [jsonBodies, keepRawQuery],
    validatorOptions: {
      validateSecurity: false,
      validateRequests: {
        coerceTypes: false,
        allowUnknownQueryParameters: false,
        allErrors: true,
      },
    },
  });
  const audited = createAudited(options.auditor);
  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const authorize = async (
    permission: BasicPermission,
    credentials: BackstageCredentials,
    what: string,
  ) => {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed to ${what} (${permission.name})`);
    }
  };

  router.get('/services', async (req, res) => {
    const credentials = await credentialsOf(req);
    parse(noQuerySchema, rawQuery(req), 'query');
    // Spread: an interface has no index signature the typed response needs.
    res.json({ ...(await sandbox.listServices(credentials)) });
  });

  router.put('/services/:name/faults', async (req, res) => {
    const credentials = await credentialsOf(req);
    parse(noQuerySchema, rawQuery(req), 'query');
    const name = parse(sandboxServiceNameSchema, req.params.name, 'name');
    const faults = parse(faultSettingsSchema, req.body, 'faults');
    await authorize(
      sandboxFaultsUpdatePermission,
      credentials,
      'inject faults into the sandbox',
    );
    const result = await audited(
      req,
      'sandbox-faults-update',
      { service: name, ...faults },
      () => sandbox.setFaults(name, faults, credentials),
    );
    res.json({ ...result, faults });
  });

  router.post('/reset', async (req, res) => {
    const credentials = await credentialsOf(req);
    parse(noQuerySchema, rawQuery(req), 'query');
    await authorize(sandboxResetPermission, credentials, 'reset the sandbox');
    const result = await audited(
      req,
      'sandbox-reset',
      {},
      () => sandbox.reset(),
      outcome => ({ ...outcome }),
    );
    res.json({ ...result });
  });

  router.use(errors.middleware);
  return router;
}
