import type {
  SandboxApi,
  SandboxServicesResponse,
} from '@vigil/backstage-plugin-sandbox-common';

export const runningSandbox: SandboxServicesResponse = {
  running: true,
  startCommand: './vigil start --sandbox',
  services: [
    {
      name: 'checkout',
      entityRef: 'component:sandbox/checkout',
      title: 'Checkout (sandbox, synthetic)',
      faults: { errorRate: 0, latencyMs: 0 },
      slos: [
        {
          sloId: 'sandbox-checkout-availability',
          name: 'availability',
          status: 'breaching',
          objectivePercent: 99.5,
          budgetRemaining: -0.25,
        },
      ],
    },
    {
      name: 'inventory',
      entityRef: 'component:sandbox/inventory',
      faults: { errorRate: 0, latencyMs: 0 },
      slos: [],
    },
  ],
};

/** A SandboxApi over an in-memory sandbox; each method a jest.fn. */
export function fakeSandboxApi(
  initial: SandboxServicesResponse = runningSandbox,
  overrides: Partial<SandboxApi> = {},
) {
  let state = structuredClone(initial);
  const api = {
    listServices: jest.fn(async () => structuredClone(state)),
    setFaults: jest.fn(async (name: string, faults) => {
      state = {
        ...state,
        services: state.services.map(s =>
          s.name === name ? { ...s, faults } : s,
        ),
      };
      return { name, entityRef: `component:sandbox/${name}`, faults };
    }),
    reset: jest.fn(async () => {
      state = {
        ...state,
        services: state.services.map(s => ({
          ...s,
          faults: { errorRate: 0, latencyMs: 0 },
        })),
      };
      return {
        complete: true,
        faults: { ok: true, prometheusHistory: 'deleted the sandbox series' },
        incidents: { ok: true, incidents: 2, postmortems: 1, actionItems: 0 },
        slo: { ok: true, evaluations: 12 },
      };
    }),
    ...overrides,
  } satisfies SandboxApi;
  return api;
}
