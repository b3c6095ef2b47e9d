export interface Config {
  vigil?: {
    onboarding?: {
      /**
       * Whether a user's first visit starts their role's guided tour
       * (default true). `?tour=<role>` and the help menu start tours
       * either way. A browser opts out alone with localStorage
       * `vigil.onboarding.autoStart` = `false` (scripted journeys).
       * @visibility frontend
       */
      autoStartTours?: boolean;
    };
    /**
     * The portal's roles (packages/backend/config.d.ts has their meaning for
     * the permission policy). The app reads the groups to choose the guided
     * tour a user gets on first sign-in, and the read-only users (the shared
     * guest) whose tour progress stays in the browser.
     */
    permission?: {
      /**
       * Groups whose members get the portal admin tour.
       * @visibility frontend
       */
      adminGroups?: string[];
      /**
       * Groups whose members get the SRE tour.
       * @visibility frontend
       */
      sreGroups?: string[];
      /**
       * Groups whose members get the product owner tour.
       * @visibility frontend
       */
      productOwnerGroups?: string[];
      /**
       * Shared read-only users (the guest): their tour progress is kept in
       * the browser, not in user settings.
       * @visibility frontend
       */
      readOnlyUsers?: string[];
    };
  };
}
