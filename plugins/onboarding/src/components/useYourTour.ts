import {
  describeTourProgress,
  progressOf,
  tourOf,
} from '@vigil/backstage-plugin-onboarding-common';
import { tourActionLabel } from '../lib/tourActionLabel';
import { useOnboardingTours } from './useOnboardingTours';

/**
 * The signed-in user's role tour as a "Get started" card offers it: its
 * title, what it shows, its progress and a start (or resume) action; or
 * undefined without the onboarding plugin.
 * @public
 */
export function useYourTour():
  | {
      title: string;
      summary: string;
      progress: string;
      action: 'Start' | 'Resume' | 'Restart';
      loaded: boolean;
      start: () => void;
    }
  | undefined {
  const tours = useOnboardingTours();
  if (!tours) return undefined;
  const { api, state } = tours;
  const tour = tourOf(state.userRole);
  const progress = progressOf(state.stored, state.userRole);
  return {
    title: tour.title,
    summary: tour.summary,
    progress: describeTourProgress(progress, tour.steps.length),
    action: tourActionLabel(progress),
    loaded: state.loaded,
    start: () => api.start(state.userRole, 'resume'),
  };
}
