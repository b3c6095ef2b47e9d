import type { Entity } from '@backstage/catalog-model';
import type {
  EntitySlosResponse,
  Slo,
  SloApi,
  SloDetailResponse,
  SloEvaluationStatus,
  SloListResponse,
} from '../api';

export const scoringApiEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'scoring-api',
    namespace: 'default',
    annotations: { 'vigil.dev/slo-spec': './packages/scoring-api/slo.yaml' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:payments' },
};

/** A 30-day SLO whose page alert fires: 1h and 5m both burn over 14.4. */
export function makeSlo(overrides: Partial<Slo> = {}): Slo {
  return {
    sloId: 'scoring-api-availability',
    entityRef: 'component:default/scoring-api',
    service: 'scoring-api',
    name: 'availability',
    description: 'Scoring requests answered without a server error.',
    objectivePercent: 99.9,
    period: '30d',
    owner: 'group:default/payments',
    system: 'system:default/risk-scoring',
    lifecycle: 'production',
    status: 'breaching',
    evaluatedAt: new Date(Date.now() - 2 * 60_000).toISOString(),
    stale: false,
    sli: 0.00042,
    budgetRemaining: 0.58,
    burnRates: {
      '5m': 20,
      '30m': 9.5,
      '1h': 15.25,
      '2h': 8,
      '6h': 3,
      '1d': 1.2,
      '3d': 0.9,
    },
    firingAlert: 'page',
    error: null,
    ...overrides,
  };
}

export function makeEntitySlos(
  overrides: Partial<EntitySlosResponse> = {},
): EntitySlosResponse {
  return {
    entityRef: 'component:default/scoring-api',
    specSource: {
      type: 'url',
      target: 'https://git.example/scoring-api/slo.yaml',
      url: 'https://git.example/scoring-api/slo.yaml',
    },
    errors: [],
    warnings: [],
    refreshedAt: new Date().toISOString(),
    slos: [makeSlo()],
    ...overrides,
  };
}

export function makeDetail(slo: Slo = makeSlo()): SloDetailResponse {
  const to = Date.now();
  const from = to - 30 * 86_400_000;
  return {
    slo,
    history: {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      summary: {
        evaluations: 3,
        evaluationsWithData: 2,
        evaluationsOverBudget: 0,
        met: true,
      },
      evaluations: [0.9, null, 0.58].map((budget, index) => ({
        evaluatedAt: new Date(from + (index + 1) * 86_400_000).toISOString(),
        sli: budget === null ? null : 0.001 * (1 - budget),
        budgetRemaining: budget,
        burnRates: {},
        firingAlert: null,
        status: budget === null ? 'no-data' : 'ok',
      })),
    },
  };
}

export function makeListResponse(
  items: Slo[],
  totalCount: number,
  offset = 0,
  limit = 25,
): SloListResponse {
  return { items, totalCount, limit, offset };
}

/** Prometheus answered the latest cycle, a few seconds ago. */
export function makeEvaluationStatus(
  overrides: Partial<SloEvaluationStatus> = {},
): SloEvaluationStatus {
  const recent = new Date(Date.now() - 5_000).toISOString();
  return {
    enabled: true,
    prometheus: 'reachable',
    unreachableSince: null,
    lastAttemptAt: recent,
    lastSuccessAt: recent,
    lastError: null,
    stalled: false,
    ...overrides,
  };
}

/** SloApi whose methods are jest mocks, so tests can read their calls. */
export type FakeSloApi = {
  [K in keyof SloApi]: jest.MockedFunction<SloApi[K]>;
};

/** A fake SloApi with sensible answers; `overrides` replace some of them. */
export function fakeSloApi(overrides: Partial<SloApi> = {}): FakeSloApi {
  return {
    listSlos: jest.fn(
      overrides.listSlos ?? (async () => makeListResponse([makeSlo()], 1)),
    ),
    getSlo: jest.fn(overrides.getSlo ?? (async () => makeDetail())),
    getEntitySlos: jest.fn(
      overrides.getEntitySlos ?? (async () => makeEntitySlos()),
    ),
    getEvaluationStatus: jest.fn(
      overrides.getEvaluationStatus ?? (async () => makeEvaluationStatus()),
    ),
  };
}
