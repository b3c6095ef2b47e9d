import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  HomePageLayoutBlueprint,
  HomePageWidgetBlueprint,
} from '@backstage/plugin-home-react/alpha';

/**
 * `home-page-layout:home`: a fixed layout of the widgets (see
 * HomePageLayout) instead of plugin-home's editable grid, which starts empty.
 */
export const homePageLayout = HomePageLayoutBlueprint.make({
  params: {
    loader: () => import('./HomePageLayout').then(m => m.HomePageLayout),
  },
});

/** `home-page-widget:home/my-services`: Components of the user and their teams. */
export const myServicesWidget = HomePageWidgetBlueprint.make({
  name: 'my-services',
  params: {
    name: 'MyServices',
    title: 'My services',
    description: 'Services owned by you and your teams',
    components: () =>
      import('./MyServicesContent').then(m => ({
        Content: m.MyServicesContent,
      })),
  },
});

/**
 * `home-page-widget:home/get-started`: the user's tour, adding a service,
 * the sandbox and the FAQ, first on the page.
 */
export const getStartedWidget = HomePageWidgetBlueprint.make({
  name: 'get-started',
  params: {
    name: 'GetStarted',
    title: 'Get started',
    description: 'Your guided tour, adding your service, the sandbox, the FAQ',
    components: () =>
      import('./GetStartedContent').then(m => ({
        Content: m.GetStartedContent,
      })),
  },
});

/** `home-page-widget:home/shortcuts`: runbooks, docs and the main pages. */
export const shortcutsWidget = HomePageWidgetBlueprint.make({
  name: 'shortcuts',
  params: {
    name: 'Shortcuts',
    title: 'Shortcuts',
    description: 'Runbooks, docs, SLOs, incidents, catalog and search',
    components: () =>
      import('./ShortcutsContent').then(m => ({
        Content: m.ShortcutsContent,
      })),
  },
});

/**
 * Vigil's home page: the layout and the app's own widgets. The SLO and
 * incidents widgets come with their plugins.
 */
export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [
    homePageLayout,
    getStartedWidget,
    myServicesWidget,
    shortcutsWidget,
  ],
});
