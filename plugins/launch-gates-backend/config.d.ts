import type { HumanDuration } from '@backstage/types';

export interface Config {
  /** Settings of the launch gates backend (plugin id `launch-gates`). */
  launchGates?: {
    templates?: {
      /**
       * Directories of review template files (`*.yaml`), relative to the
       * backend's working directory (this repository's:
       * `launch-gates/templates`). Unset: no templates, and `GET /templates`
       * lists the missing setting as a problem.
       */
      directories?: string[];
    };
    /**
     * Other base URLs under which links point at the portal's pages (runbook
     * URLs in alert rules, say), besides `app.baseUrl`. The embedded default
     * lists the development server's address, which its alert rules use,
     * for when the backend serves the built app.
     */
    portalAliases?: string[];
    evidence?: {
      /**
       * Where committed evidence lives (the repository's `validation/`:
       * load-test reports, security scans, drills), relative to the
       * backend's working directory. Unset: checks that read files report
       * unknown.
       */
      directory?: string;
      /**
       * A URL prefix under which the evidence directory's files can be
       * opened (e.g. a repository browser); omitted: no links to files.
       */
      linkBase?: string;
    };
    schedule?: {
      /**
       * How often every open, go and reopened review is re-evaluated.
       * Default 15 minutes.
       */
      frequency?: HumanDuration;
    };
    evaluation?: {
      /** One check's time limit; past it the check is unknown. Default 20 s. */
      timeout?: HumanDuration;
      /** Reviews evaluated at once in a scheduled cycle. Default 4. */
      concurrency?: number;
    };
  };
}
