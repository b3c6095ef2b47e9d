export interface Config {
  /**
   * Real-user monitoring with Grafana Faro: the keys the app reads. The app
   * build collects frontend-visible schemas from its own dependencies, so
   * they live in this package; the collector's keys are in rum-backend.
   */
  rum?: {
    /**
     * Whether the app initialises Faro and sends to the collector. Default
     * false (app-config.yaml turns it on).
     * @visibility frontend
     */
    enabled?: boolean;
    /**
     * Where the app posts Faro payloads. Default: the RUM backend's
     * `/collect` (`<backend.baseUrl>/api/rum/collect`); set it to a Grafana
     * Alloy `faro.receiver` to send there instead.
     * @visibility frontend
     */
    collectorUrl?: string;
    /**
     * The app's environment label in Faro's meta (e.g. development,
     * production). Default development.
     * @visibility frontend
     */
    environment?: string;
    /**
     * The app's release (e.g. the git commit) in Faro's meta: error groups
     * list the releases they happened in. Default: the app package version.
     * @visibility frontend
     */
    release?: string;
    /**
     * Share of sessions sampled, 0 to 1. Default 1.
     * @visibility frontend
     */
    sampleRate?: number;
    collector?: {
      /**
       * When set, payloads must carry it in `x-api-key` (Faro's `apiKey`).
       * It is visible in the app bundle: a filter against stray senders, not
       * a secret.
       * @visibility frontend
       */
      apiKey?: string;
    };
  };
}
