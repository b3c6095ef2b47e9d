export interface Config {
  vigil?: {
    onboarding?: {
      /**
       * The folder "Add your service" writes into, one `<name>/` folder per
       * service, read by the catalog as file locations. Relative to the
       * backend's working directory (packages/backend). Default
       * `../../.data/catalog`. Production publishes to a Git host instead
       * (templates/add-service/README.md).
       */
      catalogFolder?: string;
      /**
       * Longest the TechDocs step waits for the new entity to appear in the
       * catalog. Default 60 seconds.
       */
      catalogWait?: { seconds?: number };
    };
  };
}
