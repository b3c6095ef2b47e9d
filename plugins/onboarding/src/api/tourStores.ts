import type { StorageApi } from '@backstage/core-plugin-api';
import {
  parseStoredTours,
  StoredTours,
} from '@vigil/backstage-plugin-onboarding-common';

/** Where a user's tour progress is remembered. */
export interface TourProgressStore {
  load(): Promise<StoredTours>;
  /** Never throws: a refused write keeps the progress for this session only. */
  save(stored: StoredTours): Promise<void>;
}

/** The user settings bucket and key of the tour progress. */
export const TOURS_BUCKET = 'onboarding';
export const TOURS_KEY = 'tours';

/**
 * Progress in the app's storage API: Backstage user settings
 * (`@backstage/plugin-app-module-user-settings`, persisted by
 * user-settings-backend), so it follows the user across browsers.
 */
export class StorageApiTourStore implements TourProgressStore {
  private readonly bucket: StorageApi;

  constructor(storageApi: StorageApi) {
    this.bucket = storageApi.forBucket(TOURS_BUCKET);
  }

  load(): Promise<StoredTours> {
    const snapshot = this.bucket.snapshot(TOURS_KEY);
    if (snapshot.presence !== 'unknown') {
      return Promise.resolve(parseStoredTours(snapshot.value));
    }
    // User settings answer asynchronously: the first known value is it.
    return new Promise(resolve => {
      let done = false;
      const subscription = this.bucket.observe$(TOURS_KEY).subscribe({
        next: value => {
          if (done || value.presence === 'unknown') return;
          done = true;
          resolve(parseStoredTours(value.value));
          setTimeout(() => subscription.unsubscribe());
        },
        error: () => {
          done = true;
          resolve(parseStoredTours(undefined));
        },
      });
    });
  }

  async save(stored: StoredTours): Promise<void> {
    try {
      await this.bucket.set(TOURS_KEY, JSON.parse(JSON.stringify(stored)));
    } catch {
      // Refused (a read-only user, the backend away): the tour goes on and
      // its progress is kept in memory for this session.
    }
  }
}

/**
 * Progress in this browser's localStorage: for the shared read-only guest,
 * whose user settings would be shared by everyone signing in as guest.
 */
export class BrowserTourStore implements TourProgressStore {
  constructor(private readonly key: string) {}

  async load(): Promise<StoredTours> {
    try {
      const text = window.localStorage.getItem(this.key);
      return parseStoredTours(text ? JSON.parse(text) : undefined);
    } catch {
      return parseStoredTours(undefined);
    }
  }

  async save(stored: StoredTours): Promise<void> {
    try {
      window.localStorage.setItem(this.key, JSON.stringify(stored));
    } catch {
      // Storage full or disabled: kept for this session only.
    }
  }
}
