import type {
  ConfigApi,
  IdentityApi,
  StorageApi,
} from '@backstage/core-plugin-api';
import {
  applyTourEvent,
  DEFAULT_TOUR_ROLE_GROUPS,
  NO_STORED_TOURS,
  onPortalVisit,
  progressOf,
  runningStep,
  StoredTours,
  TourEvent,
  TourRole,
  TourRoleGroups,
  tourOf,
  tourRoleFor,
} from '@vigil/backstage-plugin-onboarding-common';
import type {
  OnboardingToursApi,
  OnboardingToursState,
} from './OnboardingToursApi';
import {
  BrowserTourStore,
  StorageApiTourStore,
  TourProgressStore,
} from './tourStores';

const stepCountOf = (role: TourRole) => tourOf(role).steps.length;

/** The role groups and read-only users, as the permission policy reads them. */
function readRoleConfig(configApi: ConfigApi) {
  const list = (key: string, fallback: readonly string[]) =>
    configApi.getOptionalStringArray(`vigil.permission.${key}`) ?? fallback;
  const groups: TourRoleGroups = {
    adminGroups: list('adminGroups', DEFAULT_TOUR_ROLE_GROUPS.adminGroups),
    sreGroups: list('sreGroups', DEFAULT_TOUR_ROLE_GROUPS.sreGroups),
    productOwnerGroups: list(
      'productOwnerGroups',
      DEFAULT_TOUR_ROLE_GROUPS.productOwnerGroups,
    ),
  };
  return { groups, readOnlyUsers: list('readOnlyUsers', []) };
}

/** This browser's opt-out of first-visit tours (e.g. scripted journeys). */
export const AUTO_START_STORAGE_KEY = 'vigil.onboarding.autoStart';

/**
 * Whether a first visit starts the role's tour: `vigil.onboarding.autoStartTours`
 * (default true), unless this browser's localStorage has
 * `vigil.onboarding.autoStart` = `false`. `?tour=` and the help menu work either way.
 */
function autoStartEnabled(configApi: ConfigApi): boolean {
  if (
    configApi.getOptionalBoolean('vigil.onboarding.autoStartTours') === false
  ) {
    return false;
  }
  try {
    return window.localStorage.getItem(AUTO_START_STORAGE_KEY) !== 'false';
  } catch {
    return true;
  }
}

/**
 * The {@link OnboardingToursApi}: pure transitions from onboarding-common,
 * state kept here, every change saved (quietly) to the user's store.
 */
export class TourController implements OnboardingToursApi {
  private state: OnboardingToursState = {
    loaded: false,
    userRole: 'engineer',
    stored: NO_STORED_TOURS,
    session: 0,
  };
  private readonly listeners = new Set<() => void>();
  private loading?: Promise<TourProgressStore>;
  private visited = false;

  constructor(
    private readonly deps: {
      identityApi: IdentityApi;
      configApi: ConfigApi;
      storageApi: StorageApi;
    },
  ) {}

  getSnapshot = (): OnboardingToursState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  async visit(requested?: TourRole): Promise<void> {
    if (this.visited) return;
    this.visited = true;
    const store = await this.load();
    if (requested) {
      this.apply(store, requested, { type: 'restart' }, true);
      return;
    }
    if (!autoStartEnabled(this.deps.configApi)) return;
    const result = onPortalVisit(
      this.state.stored,
      this.state.userRole,
      stepCountOf,
    );
    this.update(store, result.stored, result.running, !!result.running);
  }

  async start(role: TourRole, mode: 'resume' | 'restart'): Promise<void> {
    this.visited = true;
    const store = await this.load();
    this.apply(store, role, { type: mode }, true);
  }

  next(): void {
    this.move({ type: 'next' });
  }

  back(): void {
    this.move({ type: 'back' });
  }

  skip(): void {
    this.move({ type: 'skip' });
  }

  private move(event: TourEvent) {
    const { running } = this.state;
    if (!running || !this.loading) return;
    this.loading.then(store => this.apply(store, running.role, event, false));
  }

  private apply(
    store: TourProgressStore,
    role: TourRole,
    event: TourEvent,
    newSession: boolean,
  ) {
    const stored = applyTourEvent(
      this.state.stored,
      role,
      event,
      stepCountOf(role),
    );
    const step = runningStep(progressOf(stored, role));
    this.update(
      store,
      stored,
      step === undefined ? undefined : { role, step },
      newSession,
    );
  }

  private update(
    store: TourProgressStore,
    stored: StoredTours,
    running: OnboardingToursState['running'],
    newSession: boolean,
  ) {
    const changed =
      JSON.stringify(stored) !== JSON.stringify(this.state.stored);
    this.state = {
      ...this.state,
      stored,
      running,
      session: this.state.session + (newSession ? 1 : 0),
    };
    this.listeners.forEach(listener => listener());
    if (changed) store.save(stored);
  }

  /** Identity, role and stored progress, once. */
  private load(): Promise<TourProgressStore> {
    if (!this.loading) {
      this.loading = (async () => {
        const { identityApi, configApi, storageApi } = this.deps;
        const { groups, readOnlyUsers } = readRoleConfig(configApi);
        let userEntityRef = '';
        let ownershipEntityRefs: string[] = [];
        try {
          ({ userEntityRef, ownershipEntityRefs } =
            await identityApi.getBackstageIdentity());
        } catch {
          // Not signed in: the engineer's tour, remembered in this browser.
        }
        const readOnly =
          !userEntityRef || readOnlyUsers.includes(userEntityRef);
        const store: TourProgressStore = readOnly
          ? new BrowserTourStore(`vigil.onboarding.tours:${userEntityRef}`)
          : new StorageApiTourStore(storageApi);
        const stored = await store.load();
        this.state = {
          ...this.state,
          loaded: true,
          userRole: readOnly
            ? 'engineer'
            : tourRoleFor(ownershipEntityRefs, groups),
          stored,
        };
        this.listeners.forEach(listener => listener());
        return store;
      })();
    }
    return this.loading;
  }
}
