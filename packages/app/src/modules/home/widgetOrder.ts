import type { HomePageWidgetData } from '@backstage/plugin-home-react/alpha';

/**
 * The home page's widgets by name (`params.name` of their
 * HomePageWidgetBlueprint), in the order the layout shows them.
 */
export const HOME_WIDGET_ORDER: readonly string[] = [
  // app: packages/app/src/modules/home (newcomers first: tour, add a service)
  'GetStarted',
  'MyServices',
  // plugins/launch-gates: a product owner's pending decisions come first
  'AwaitingDecision',
  // plugins/slo
  'SlosAtRisk',
  // plugins/incidents
  'OpenIncidents',
  'MyActionItems',
  // app
  'Shortcuts',
  // plugin-home's, when enabled
  'HomePageStarredEntities',
];

/**
 * The `data-tour` id of a widget's cell, for the guided tours:
 * `home-` and its name in kebab case (`MyServices` is `home-my-services`).
 */
export function widgetTourId(name: string | undefined): string | undefined {
  if (!name) return undefined;
  return `home-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
}

/**
 * Widgets in a fixed order: the known ones as {@link HOME_WIDGET_ORDER} lists
 * them, then any other by name (or title), so the page does not depend on
 * the order in which the app happened to install its plugins.
 */
export function orderWidgets(
  widgets: readonly HomePageWidgetData[],
  order: readonly string[] = HOME_WIDGET_ORDER,
): HomePageWidgetData[] {
  const rank = (widget: HomePageWidgetData) => {
    const index = widget.name ? order.indexOf(widget.name) : -1;
    return index < 0 ? order.length : index;
  };
  const key = (widget: HomePageWidgetData) => widget.name ?? widget.title ?? '';
  return widgets
    .map((widget, index) => ({ widget, index }))
    .sort(
      (a, b) =>
        rank(a.widget) - rank(b.widget) ||
        key(a.widget).localeCompare(key(b.widget), 'en') ||
        a.index - b.index,
    )
    .map(({ widget }) => widget);
}
