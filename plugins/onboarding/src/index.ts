/**
 * Vigil's onboarding frontend: guided tours per role (react-joyride),
 * remembered in Backstage user settings, the sidebar's help menu and the
 * hook the home page's "Get started" card uses. The new frontend system's
 * plugin is in `./alpha`.
 *
 * @packageDocumentation
 */
export {
  onboardingToursApiRef,
  type OnboardingToursApi,
  type OnboardingToursState,
} from './api/OnboardingToursApi';
export { HelpMenu } from './components/HelpMenu';
export { useOnboardingTours } from './components/useOnboardingTours';
export { useYourTour } from './components/useYourTour';
export { tourActionLabel } from './lib/tourActionLabel';
export { HELP_LINKS, VIGIL_DOCS } from './lib/helpLinks';
