export interface Config {
  vigil?: {
    onboarding?: {
      /**
       * The folder "Add your service" writes into; the catalog reads each
       * `<name>/catalog-info.yaml` in it as a file location. Relative to the
       * backend's working directory (packages/backend). Default
       * `../../.data/catalog`.
       */
      catalogFolder?: string;
      /**
       * How often the folder is read in full, besides watching it for
       * changes. Default 30 seconds.
       */
      catalogFolderScan?: { seconds?: number };
    };
  };
}
