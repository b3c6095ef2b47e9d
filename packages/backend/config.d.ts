export interface Config {
  /** Settings shared by Vigil's backend plugins. */
  vigil?: {
    prometheus?: {
      /**
       * Base URL of the Prometheus HTTP API that holds the services' metrics,
       * e.g. http://127.0.0.1:9090. SLO evaluation queries it.
       */
      url: string;
    };
    alertmanager?: {
      /** Base URL of Alertmanager, e.g. http://127.0.0.1:9093. */
      url: string;
    };
    /**
     * The roles of the portal's permission policy
     * (packages/backend/src/permissions). Members are matched on the
     * signed-in user's ownership claims (the user and its groups, including
     * parents as the catalog resolves them).
     */
    permission?: {
      /** Groups whose members manage locations, entities and templates. Default [group:default/portal-admins]. */
      adminGroups?: string[];
      /** Groups whose members may act on any incident. Default [group:default/sre]. */
      sreGroups?: string[];
      /** Product owners: they open launch reviews of any entity (who signs one off is the entity's vigil.dev/product-owner). Default [group:default/product-owners]. */
      productOwnerGroups?: string[];
      /** Users who only read, whatever their groups. Default [user:default/guest]. */
      readOnlyUsers?: string[];
    };
    metrics?: {
      /**
       * Port of the backend's own Prometheus endpoint (/metrics), served by the
       * OpenTelemetry exporter that src/instrumentation.js starts. It is read
       * from the VIGIL_BACKEND_METRICS_PORT environment variable (default 9464)
       * because instrumentation loads before configuration; this key documents it.
       */
      port?: number;
    };
  };
}
