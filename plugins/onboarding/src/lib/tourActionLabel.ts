import type { TourProgress } from '@vigil/backstage-plugin-onboarding-common';

/** What starting a tour does from where it is: start, resume or restart. @public */
export function tourActionLabel(
  progress: TourProgress,
): 'Start' | 'Resume' | 'Restart' {
  switch (progress.status) {
    case 'in-progress':
    case 'skipped':
      return 'Resume';
    case 'completed':
      return 'Restart';
    default:
      return 'Start';
  }
}
