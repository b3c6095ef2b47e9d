export interface Config {
  vigil?: {
    support?: {
      /**
       * Who is notified of new tickets and feedback: entity refs of groups
       * or users (Backstage notifications). Default
       * group:default/portal-admins. An empty list notifies nobody.
       */
      notify?: string | string[];
      /**
       * Whether new feedback notifies them too (tickets always do).
       * Default true.
       */
      notifyOnFeedback?: boolean;
    };
  };
}
