// A Backstage backend with nothing but the guest sign-in and one plugin whose
// routes do no work: the floor under every Vigil API figure. Started by
// backstage-floor.mjs with `--config <file>`; prints nothing of its own.
//   GET /api/floor/auth     user credentials, then a small JSON body
//   GET /api/floor/openapi  the same behind createValidatedOpenApiRouter
//   GET /api/floor/open     no credentials (unauthenticated policy)
const path = require('node:path');
const { createRequire } = require('node:module');

const root = path.resolve(__dirname, '../..');
// Resolved as the backend and the plugins resolve them, so the versions match.
const fromBackend = createRequire(
  path.join(root, 'packages/backend/package.json'),
);
const fromPlugin = createRequire(
  path.join(root, 'plugins/incidents-backend/package.json'),
);
const { createBackend } = fromBackend('@backstage/backend-defaults');
const { coreServices, createBackendPlugin } = fromBackend(
  '@backstage/backend-plugin-api',
);
const { createValidatedOpenApiRouter } = fromPlugin(
  '@backstage/backend-openapi-utils',
);
const Router = fromPlugin('express-promise-router');

const body = { items: [], totalCount: 0 };

const spec = {
  openapi: '3.0.3',
  info: { title: 'floor', version: '1' },
  servers: [{ url: '/' }],
  paths: {
    '/openapi': {
      get: {
        operationId: 'Floor',
        parameters: [
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 1, maximum: 100 },
          },
        ],
        responses: {
          200: {
            description: 'ok',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items', 'totalCount'],
                  properties: {
                    items: { type: 'array', items: { type: 'object' } },
                    totalCount: { type: 'integer' },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

const floorPlugin = createBackendPlugin({
  pluginId: 'floor',
  register(env) {
    env.registerInit({
      deps: {
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
      },
      async init({ httpAuth, httpRouter }) {
        const router = Router();
        router.get('/auth', async (req, res) => {
          await httpAuth.credentials(req, { allow: ['user'] });
          res.json(body);
        });
        router.get('/open', (_req, res) => {
          res.json(body);
        });
        const validated = await createValidatedOpenApiRouter(spec);
        validated.get('/openapi', async (req, res) => {
          await httpAuth.credentials(req, { allow: ['user'] });
          res.json(body);
        });
        router.use(validated);
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ path: '/open', allow: 'unauthenticated' });
      },
    });
  },
});

const backend = createBackend();
backend.add(fromBackend('@backstage/plugin-auth-backend'));
backend.add(
  fromBackend('@backstage/plugin-auth-backend-module-guest-provider'),
);
backend.add(floorPlugin);
backend.start();
