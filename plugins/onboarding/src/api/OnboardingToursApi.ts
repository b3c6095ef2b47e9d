import { createApiRef } from '@backstage/core-plugin-api';
import type {
  StoredTours,
  TourRole,
} from '@vigil/backstage-plugin-onboarding-common';

/**
 * The guided tours as the app sees them: which tour is the user's, what is
 * remembered of each, and which one runs at which step.
 * @public
 */
export interface OnboardingToursState {
  /** Identity and stored progress are loaded. */
  loaded: boolean;
  /** The tour of the signed-in user's role (engineer until loaded). */
  userRole: TourRole;
  /** What is remembered per tour (user settings, or the browser for guests). */
  stored: StoredTours;
  /** The tour being shown, at a 0-based step. */
  running?: { role: TourRole; step: number };
  /** Bumped on every start, so a restarted tour shows afresh. */
  session: number;
}

/**
 * Starts, moves and remembers the guided tours (one tour runs at a time).
 * The tour runner draws it; the help menu and the home page's "Get
 * started" card start and resume tours through it.
 * @public
 */
export interface OnboardingToursApi {
  getSnapshot(): OnboardingToursState;
  subscribe(listener: () => void): () => void;
  /**
   * The user opened the portal: loads what is remembered, then starts the
   * `requested` tour (from `?tour=<role>`) from its first step, or applies
   * the first-visit rule (the role's tour starts once; a tour left running
   * continues). Only the first call does anything.
   */
  visit(requested?: TourRole): Promise<void>;
  /** Starts a tour: `resume` continues at the stored step, `restart` from the first. */
  start(role: TourRole, mode: 'resume' | 'restart'): Promise<void>;
  next(): void;
  back(): void;
  /** Stops the running tour and remembers its step (resumable from the help menu). */
  skip(): void;
}

/** @public */
export const onboardingToursApiRef = createApiRef<OnboardingToursApi>({
  id: 'plugin.onboarding.tours',
});
