/**
 * Vigil's onboarding for Backstage's new frontend system: the tours API
 * (progress in user settings) and the guided tour runner on every page.
 * The help menu (sidebar) and the home page's "Get started" card use the
 * API through this package's main entry.
 *
 * @packageDocumentation
 */
import {
  configApiRef,
  identityApiRef,
  storageApiRef,
} from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  AppRootElementBlueprint,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import ExploreIcon from '@material-ui/icons/Explore';
import { onboardingToursApiRef } from './api/OnboardingToursApi';
import { TourController } from './api/TourController';
import { TourRunner } from './components/TourRunner';

/**
 * `api:onboarding/tours`: starts, moves and remembers the guided tours.
 * @alpha
 */
export const onboardingToursApi = ApiBlueprint.make({
  name: 'tours',
  params: defineParams =>
    defineParams({
      api: onboardingToursApiRef,
      deps: {
        identityApi: identityApiRef,
        configApi: configApiRef,
        storageApi: storageApiRef,
      },
      factory: deps => new TourController(deps),
    }),
});

/**
 * `app-root-element:onboarding/tour`: the guided tour over every page
 * (first sign-in, `?tour=<role>`, the help menu).
 * @alpha
 */
export const tourRunnerElement = AppRootElementBlueprint.make({
  name: 'tour',
  params: { element: <TourRunner /> },
});

/** @alpha */
export default createFrontendPlugin({
  pluginId: 'onboarding',
  title: 'Onboarding',
  icon: <ExploreIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  extensions: [onboardingToursApi, tourRunnerElement],
});
