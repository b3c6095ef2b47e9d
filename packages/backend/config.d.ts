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
