export interface Config {
  /**
   * Real-user monitoring with Grafana Faro: the collector's keys. The keys
   * the app reads are declared in plugins/rum/config.d.ts, where the app
   * build finds them.
   */
  rum?: {
    /** Days sessions, page loads and web vital aggregates are kept. Default 30. */
    retentionDays?: number;
    collector?: {
      /**
       * Origins allowed to post (CORS). Default: the origin of app.baseUrl.
       */
      allowedOrigins?: string[];
      /** Largest accepted payload in bytes (413 above). Default 1048576. */
      maxPayloadBytes?: number;
      rateLimit?: {
        /** Payloads per minute per client address (429 above). Default 600. */
        perMinute?: number;
        /** Payloads a client may send at once. Default 120. */
        burst?: number;
      };
    };
    sourceMaps?: {
      /**
       * The production app build's directory (holding `static/*.js.map`),
       * relative to the backend's working directory, e.g. `../app/dist`.
       * Unset: stacks are stored as the browser sent them.
       */
      directory?: string;
    };
  };
}
