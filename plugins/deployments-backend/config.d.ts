export interface Config {
  vigil?: {
    /** Settings of the deployments backend (plugin id `deployments`). */
    deployments?: {
      /**
       * The subject of the deploy CLI's static external access token
       * (`backend.auth.externalAccess`, type `static`, restricted to plugin
       * `deployments`; see the plugin's README). The backend says at start
       * when no such token is configured. Default `vigil-deploy`.
       */
      deployTokenSubject?: string;
    };
  };
}
