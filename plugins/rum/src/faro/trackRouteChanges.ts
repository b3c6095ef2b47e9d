import { normalizeRoute } from '@vigil/backstage-plugin-rum-common';

/** The event the collector counts as a page load (rum-backend's ROUTE_CHANGE_EVENT). */
export const ROUTE_CHANGE_EVENT = 'route_change';

type PushEvent = (name: string, attributes?: Record<string, string>) => void;

/**
 * Pushes a `route_change` event for the first page and every change of
 * path after it (history pushState/replaceState and back/forward), with
 * the route PATTERN (`toRoute`) beside the URL so nothing unbounded is
 * needed to group them. Returns the function that stops tracking.
 */
export function trackRouteChanges(
  pushEvent: PushEvent,
  win: Window = window,
): () => void {
  let current = win.location.pathname;
  const emit = (fromUrl: string | undefined) => {
    const toUrl = `${win.location.origin}${win.location.pathname}`;
    pushEvent(ROUTE_CHANGE_EVENT, {
      toUrl,
      toRoute: normalizeRoute(win.location.pathname),
      ...(fromUrl && {
        fromUrl: `${win.location.origin}${fromUrl}`,
        fromRoute: normalizeRoute(fromUrl),
      }),
    });
  };
  const check = () => {
    const path = win.location.pathname;
    if (path === current) return;
    const from = current;
    current = path;
    emit(from);
  };
  const { history } = win;
  const originalPush = history.pushState;
  const originalReplace = history.replaceState;
  history.pushState = function pushState(...args) {
    originalPush.apply(this, args);
    check();
  };
  history.replaceState = function replaceState(...args) {
    originalReplace.apply(this, args);
    check();
  };
  win.addEventListener('popstate', check);
  emit(undefined);
  return () => {
    history.pushState = originalPush;
    history.replaceState = originalReplace;
    win.removeEventListener('popstate', check);
  };
}
