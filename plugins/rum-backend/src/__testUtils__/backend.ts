import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  metricsServiceRef,
  type MetricsService,
} from '@backstage/backend-plugin-api/alpha';
import type { JsonObject } from '@backstage/types';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  createResponseValidator,
  readOpenApiDocument,
  ResponseLike,
} from '@vigil/openapi-contract';
import { rumPlugin } from '../plugin';

/**
 * The setup of the HTTP API's tests: the RUM plugin in a test backend on
 * SQLite or PostgreSQL, a permission policy like the portal's (admins
 * read errors), metrics recorded in memory, and the check of responses
 * against openapi.yaml. Payloads are the real SDK's (src/__fixtures__).
 */

const validateResponse = createResponseValidator(
  readOpenApiDocument(path.resolve(__dirname, '../../openapi.yaml')),
);
/** The response is one openapi.yaml declares for the operation. */
export const expectConforms = (operation: string, res: ResponseLike) =>
  expect(validateResponse(operation, res)).toEqual([]);

export const ADMIN = 'user:default/admin';
export const ALICE = 'user:default/alice';
export const APP_ORIGIN = 'http://localhost:3000';

const FIXTURES = path.resolve(__dirname, '../__fixtures__');

/** A body the real Faro SDK posted (captured by plugins/rum's startRum.test.ts). */
export function sdkPayload(name: 'faro-sdk-1' | 'faro-sdk-2'): any {
  return JSON.parse(
    // One of the two fixture names above.
    // eslint-disable-next-line security/detect-non-literal-fs-filename
    fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'),
  );
}

/** Where the test source map is (a bundle `static/main.1a2b3c4d.js.map`). */
export const SOURCE_MAPS_DIR = path.join(FIXTURES, 'app-dist');

export interface MetricRecord {
  name: string;
  value: number;
  attributes: Record<string, unknown>;
}

/** A MetricsService that keeps what was recorded, to assert on. */
function recordingMetrics() {
  const records: MetricRecord[] = [];
  const instrument = (name: string) => {
    const keep = (value: number, attributes: Record<string, unknown> = {}) =>
      records.push({ name, value, attributes });
    return { add: keep, record: keep, addCallback() {}, removeCallback() {} };
  };
  // A plain object: a Proxy answering every property would look like a
  // promise (`then`) to the backend awaiting its factory.
  const service = Object.fromEntries(
    [
      'createCounter',
      'createUpDownCounter',
      'createHistogram',
      'createGauge',
      'createObservableCounter',
      'createObservableUpDownCounter',
      'createObservableGauge',
    ].map(method => [method, (name: string) => instrument(name)]),
  ) as unknown as MetricsService;
  return {
    records,
    factory: createServiceFactory({
      service: metricsServiceRef,
      deps: {},
      factory: () => service,
    }),
  };
}

const decide = (userRef: string | undefined) =>
  userRef === undefined || userRef === ADMIN
    ? AuthorizeResult.ALLOW
    : AuthorizeResult.DENY;

function permissions() {
  return mockServices.permissions.mock({
    authorize: async (requests, { credentials }) =>
      requests.map(() => ({
        result: decide(
          (credentials.principal as { userEntityRef?: string }).userEntityRef,
        ),
      })) as any,
  });
}

/** The databases the API runs on, and a backend to start on one of them. */
export function testBackends() {
  const databases = testDatabases();

  async function startBackend(
    options: { databaseId?: TestDatabaseId; config?: JsonObject } = {},
  ) {
    const knex = await databases.init(options.databaseId ?? 'SQLITE_3');
    const metrics = recordingMetrics();
    const { server } = await startTestBackend({
      features: [
        rumPlugin,
        metrics.factory,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: APP_ORIGIN },
            rum: { sourceMaps: { directory: SOURCE_MAPS_DIR } },
            ...options.config,
          },
        }),
        permissions().factory,
        // Requests without a token are anonymous, as in production.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      ],
    });
    const client = (header?: string) => {
      const call = (method: 'get' | 'post') => (url: string) => {
        const req = request(server)[method](`/api/rum${url}`);
        return header ? req.set('authorization', header) : req;
      };
      return { get: call('get'), post: call('post') };
    };
    return {
      server,
      knex,
      metrics: metrics.records,
      /** Sum of a metric's recorded values, optionally for some attributes. */
      metric(name: string, attributes: Record<string, unknown> = {}) {
        return metrics.records
          .filter(
            r =>
              r.name === name &&
              Object.entries(attributes).every(
                ([k, v]) => r.attributes[k] === v,
              ),
          )
          .reduce((sum, r) => sum + r.value, 0);
      },
      /** A browser: no token, the app's origin. */
      browser: () =>
        request(server)
          .post('/api/rum/collect')
          .set('origin', APP_ORIGIN)
          .set('content-type', 'application/json'),
      as: (userRef: string) => client(mockCredentials.user.header(userRef)),
      service: client(mockCredentials.service.header()),
      anonymous: client(),
    };
  }

  return { databases, startBackend };
}
