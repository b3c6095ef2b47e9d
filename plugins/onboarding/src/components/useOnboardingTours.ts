import { useApiHolder } from '@backstage/core-plugin-api';
import { useSyncExternalStore } from 'react';
import {
  OnboardingToursApi,
  onboardingToursApiRef,
  OnboardingToursState,
} from '../api/OnboardingToursApi';

const noSubscribe = () => () => {};
const noSnapshot = () => undefined;

/**
 * The tours' API and live state, or undefined when the onboarding plugin is
 * not installed (the help menu then shows its links only).
 * @public
 */
export function useOnboardingTours():
  | { api: OnboardingToursApi; state: OnboardingToursState }
  | undefined {
  const api = useApiHolder().get(onboardingToursApiRef);
  const state = useSyncExternalStore(
    api?.subscribe ?? noSubscribe,
    api?.getSnapshot ?? noSnapshot,
  );
  return api && state ? { api, state } : undefined;
}
