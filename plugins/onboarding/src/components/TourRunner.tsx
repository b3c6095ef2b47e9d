import { useApi } from '@backstage/core-plugin-api';
import { useTheme } from '@material-ui/core';
import { isTourRole, tourOf } from '@vigil/backstage-plugin-onboarding-common';
import {
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { EventData, Joyride, Step } from 'react-joyride';
import { useLocation, useNavigate } from 'react-router-dom';
import { onboardingToursApiRef } from '../api/OnboardingToursApi';
import { waitForTarget } from '../lib/waitForTarget';

/** The step on screen: its target was found, or it is shown mid-page. */
interface ShownStep {
  key: string;
  step: number;
  found: boolean;
  /** Bumped when the page replaces the target element (see below). */
  generation: number;
}

/** Strips `?tour=` from the address once read, so a reload does not restart. */
function useTourParam(onRequest: (requested: string | null) => void) {
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    const params = new URLSearchParams(location.search);
    const requested = params.get('tour');
    onRequest(requested);
    if (requested === null) return;
    params.delete('tour');
    const search = params.toString();
    navigate(
      {
        pathname: location.pathname,
        search: search ? `?${search}` : '',
        hash: location.hash,
      },
      { replace: true },
    );
    // Only a new query string is a new request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.search]);
}

/**
 * The guided tour on top of every page (an app root element): starts the
 * user's tour on first sign-in and any tour on `?tour=<role>`, opens each
 * step's page, waits for its target and shows react-joyride in controlled
 * mode; Next, Back and Skip go through the tours API, which remembers them.
 */
export function TourRunner() {
  const api = useApi(onboardingToursApiRef);
  const state = useSyncExternalStore(api.subscribe, api.getSnapshot);
  const theme = useTheme();
  const navigate = useNavigate();
  const location = useLocation();
  const visited = useRef(false);
  const [shown, setShown] = useState<ShownStep>();

  useTourParam(requested => {
    const role = isTourRole(requested) ? requested : undefined;
    if (!visited.current) {
      visited.current = true;
      api.visit(role);
    } else if (role) {
      api.start(role, 'restart');
    }
  });

  const { running, session } = state;
  const tour = running ? tourOf(running.role) : undefined;
  const runKey = running ? `${running.role}:${session}` : undefined;
  const current = tour && running ? tour.steps[running.step] : undefined;

  // Open the step's page, then wait for its target before showing it.
  useEffect(() => {
    if (!current || !running || !runKey) {
      setShown(undefined);
      return undefined;
    }
    if (location.pathname !== current.route) navigate(current.route);
    const waiting = waitForTarget(current.target);
    const step = running.step;
    let cancelled = false;
    let watcher: ReturnType<typeof setInterval> | undefined;
    waiting.found.then(found => {
      if (cancelled) return;
      if (found) {
        // Backstage pages scroll inside their content area, not the
        // window: joyride's own scrolling waited there for a scroll that
        // never came and showed the overlay without the step. The runner
        // brings the target into view itself instead.
        document
          .querySelector(current.target)
          ?.scrollIntoView?.({ block: 'center' });
      }
      setShown({ key: runKey, step, found, generation: 0 });
      if (!found) return;
      // Live pages (an SLO cycle, an incident update) re-render and replace
      // the target element; joyride would keep pointing at the detached one
      // and show nothing, so the step is shown again on the new element.
      let element = document.querySelector(current.target);
      watcher = setInterval(() => {
        const now = document.querySelector(current.target);
        if (now && now !== element) {
          element = now;
          setShown(
            previous =>
              previous && { ...previous, generation: previous.generation + 1 },
          );
        }
      }, 500);
    });
    return () => {
      cancelled = true;
      waiting.cancel();
      if (watcher) clearInterval(watcher);
    };
    // The page is opened when the step changes, not on every navigation.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runKey, running?.step]);

  const steps: Step[] = useMemo(
    () =>
      (tour?.steps ?? []).map((s, index) => {
        const missing = shown?.step === index && !shown.found;
        return {
          id: s.id,
          // A missing target (no data, no permission) must not stall the
          // tour: the step is then shown in the middle of the page.
          target: missing ? 'body' : s.target,
          placement: missing ? ('center' as const) : ('auto' as const),
          title: s.title,
          content: s.body,
        };
      }),
    [tour, shown],
  );

  if (!running || !tour || !shown || shown.key !== runKey) return null;
  const onEvent = (data: EventData) => {
    if (data.type === 'step:after') {
      if (data.action === 'next') api.next();
      else if (data.action === 'prev') api.back();
      else if (data.action === 'close') api.skip();
    } else if (data.type === 'tour:end' && data.status === 'skipped') {
      api.skip();
    } else if (data.type === 'error:target_not_found') {
      setShown(previous => previous && { ...previous, found: false });
    }
  };

  return (
    <Joyride
      key={`${runKey}:${shown.found}:${shown.generation}`}
      run
      continuous
      stepIndex={shown.step}
      steps={steps}
      onEvent={onEvent}
      locale={{ back: 'Back', last: 'Done', next: 'Next', skip: 'Skip tour' }}
      options={{
        buttons: ['back', 'skip', 'primary', 'close'],
        closeButtonAction: 'skip',
        overlayClickAction: false,
        skipBeacon: true,
        skipScroll: true,
        showProgress: true,
        targetWaitTimeout: 2000,
        zIndex: 10000,
        primaryColor: theme.palette.primary.main,
        backgroundColor: theme.palette.background.paper,
        arrowColor: theme.palette.background.paper,
        textColor: theme.palette.text.primary,
      }}
    />
  );
}
