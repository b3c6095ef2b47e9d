export interface Config {
  /** Settings of the logs backend (plugin id `logs`). */
  logs?: {
    retention?: {
      /**
       * Days of log lines kept: daily partitions that ended longer ago are
       * dropped by the partitions job (hourly and at start). Default 14,
       * 1 to 3650.
       */
      days?: number;
    };
    partitions?: {
      /**
       * Daily partitions kept ready ahead of today (so the shipper never
       * writes into the default partition). Default 2, 1 to 30.
       */
      daysAhead?: number;
    };
  };
}
