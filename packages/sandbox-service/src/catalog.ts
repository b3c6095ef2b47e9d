/**
 * The sandbox's synthetic services: what each one is called in the catalog
 * (namespace `sandbox`, sandbox/catalog-info.yaml), in Prometheus (its
 * `service` label, also its SLO spec's service and its alert-service
 * annotation) and which routes it answers.
 */

/** One route of a synthetic service, as its metrics label it. @public */
export interface SandboxRoute {
  method: 'GET' | 'POST';
  /** Express route template, relative to the service (`/v1/orders/:orderId`). */
  path: string;
  /** Status codes the route answers, exported at zero from the start. */
  statuses: readonly string[];
}

/** A synthetic service hosted by the sandbox process. @public */
export interface SandboxServiceDefinition {
  /** URL segment and admin API name (`checkout`). */
  name: string;
  title: string;
  /** The catalog entity (`component:sandbox/checkout`). */
  entityRef: string;
  /** Its `service` label, SLO spec service and vigil.dev/alert-service. */
  alertService: string;
  routes: readonly SandboxRoute[];
}

/** @public */
export const SANDBOX_SERVICES: readonly SandboxServiceDefinition[] = [
  {
    name: 'checkout',
    title: 'Checkout (sandbox)',
    entityRef: 'component:sandbox/checkout',
    alertService: 'sandbox-checkout',
    routes: [
      { method: 'POST', path: '/v1/orders', statuses: ['201', '400', '500'] },
      {
        method: 'GET',
        path: '/v1/orders/:orderId',
        statuses: ['200', '404', '500'],
      },
    ],
  },
  {
    name: 'inventory',
    title: 'Inventory (sandbox)',
    entityRef: 'component:sandbox/inventory',
    alertService: 'sandbox-inventory',
    routes: [
      {
        method: 'GET',
        path: '/v1/items/:sku',
        statuses: ['200', '404', '500'],
      },
      {
        method: 'POST',
        path: '/v1/reservations',
        statuses: ['201', '400', '500'],
      },
    ],
  },
];
