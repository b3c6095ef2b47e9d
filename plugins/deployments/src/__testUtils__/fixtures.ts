import type { Entity } from '@backstage/catalog-model';
import type {
  DeploymentRecord,
  DeploymentsApi,
  DoraFigures,
  DrillResult,
} from '@vigil/backstage-plugin-deployments-common';

export const SCORING_API_REF = 'component:default/scoring-api';

export const scoringApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'scoring-api', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:payments' },
};

const MINUTE = 60_000;
const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * MINUTE).toISOString();

export function makeRecord(
  overrides: Partial<DeploymentRecord> = {},
): DeploymentRecord {
  const startedAt = overrides.startedAt ?? minutesAgo(30);
  const at = (offsetMs: number) =>
    new Date(Date.parse(startedAt) + offsetMs).toISOString();
  return {
    id: 'dep-1',
    entityRef: SCORING_API_REF,
    environment: 'production',
    kind: 'deploy',
    outcome: 'succeeded',
    release: {
      version: '0.1.0+3f2a1bc',
      commit: '3f2a1bc9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3',
    },
    previous: {
      version: '0.1.0+0aa11bb',
      commit: '0aa11bb9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3',
    },
    fromColor: 'blue',
    toColor: 'green',
    recordedBy: 'vigil-deploy',
    operator: 'dmitri@laptop',
    startedAt,
    trafficSwitchedAt: at(40_000),
    finishedAt: at(95_000),
    steps: [
      {
        name: 'build',
        status: 'succeeded',
        startedAt: at(0),
        finishedAt: at(20_000),
      },
      {
        name: 'smoke',
        status: 'succeeded',
        startedAt: at(30_000),
        finishedAt: at(35_000),
        detail: '3 checks passed on green',
      },
      {
        name: 'switch',
        status: 'succeeded',
        startedAt: at(35_000),
        finishedAt: at(40_000),
      },
    ],
    smoke: [
      {
        name: 'readiness',
        ok: true,
        target: 'green',
        at: at(31_000),
        durationMs: 12,
      },
      {
        name: 'score',
        ok: true,
        target: 'green',
        at: at(32_000),
        durationMs: 48,
      },
    ],
    revision: 3,
    createdAt: startedAt,
    updatedAt: at(95_000),
    ...overrides,
  };
}

export function makeDrill(overrides: Partial<DrillResult> = {}): DrillResult {
  const badTrafficAt = minutesAgo(120);
  return {
    schemaVersion: 1,
    badRelease: { version: '0.1.0+3f2a1bc.drill', commit: '3f2a1bc' },
    fault: { errorRate: 1 },
    goodRelease: { version: '0.1.0+3f2a1bc', commit: '3f2a1bc' },
    load: { rate: 50, connections: 10, durationMs: 60_000 },
    badTrafficAt,
    detection: {
      detectedAt: badTrafficAt,
      detectionMs: 4_200,
      signal: 'smoke',
      detail: 'score check failed on green',
    },
    rto: {
      restoredAt: badTrafficAt,
      rtoMs: 5_100,
      targetMs: 30_000,
      met: true,
    },
    rpo: {
      totalRequests: 3000,
      failedRequests: 212,
      windowMs: 4_900,
      targetMs: 10_000,
      featureWrites: { acknowledged: 40, lost: 0 },
      met: true,
    },
    passed: true,
    ...overrides,
  };
}

export const doraFigures: DoraFigures = {
  entityRef: SCORING_API_REF,
  from: minutesAgo(30 * 24 * 60),
  to: minutesAgo(0),
  days: 30,
  deployments: 12,
  deploymentFrequencyPerDay: 0.4,
  changeFailureRate: 0.25,
  timeToRestoreMs: 95_000,
  leadTimeMs: 2 * 3_600_000 + 5 * MINUTE,
};

export type FakeDeploymentsApi = jest.Mocked<DeploymentsApi>;

/** A deployments API answering from the given records, filtered by kind. */
export function fakeDeploymentsApi(
  records: DeploymentRecord[] = [makeRecord()],
  overrides: Partial<DeploymentsApi> = {},
): FakeDeploymentsApi {
  const api: DeploymentsApi = {
    listDeployments: async (query = {}) => {
      const items = records.filter(r => !query.kind || r.kind === query.kind);
      return { items, totalCount: items.length };
    },
    getDeployment: async id => {
      const found = records.find(r => r.id === id);
      if (!found) throw new Error(`No deployment ${id}`);
      return found;
    },
    getDora: async () => doraFigures,
    deploymentsAround: async () => records,
    ...overrides,
  };
  // Mocks, so tests can assert the calls.
  return {
    listDeployments: jest.fn(api.listDeployments),
    getDeployment: jest.fn(api.getDeployment),
    getDora: jest.fn(api.getDora),
    deploymentsAround: jest.fn(api.deploymentsAround),
  };
}
