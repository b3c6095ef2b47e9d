import type {
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { ReviewTemplate } from '@vigil/backstage-plugin-launch-gates-common';
import type { Knex } from 'knex';
import {
  DatabaseLaunchGatesStore,
  launchGatesMigrations,
} from '../DatabaseLaunchGatesStore';
import type { NewReview, StoredReview } from '../LaunchGatesStore';

/** Fixtures for the store's tests. */
export const SCORING_API = 'component:default/scoring-api';
export const OTHER = 'component:default/other';
export const T0 = Date.parse('2026-12-01T10:00:00Z');
export const MINUTE = 60_000;
export const DAY = 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString();

/** A store on a fresh, migrated database. */
export async function migratedStore(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): Promise<{ knex: Knex; store: DatabaseLaunchGatesStore }> {
  const knex = await databases.init(databaseId);
  await launchGatesMigrations.migrate(knex);
  return { knex, store: new DatabaseLaunchGatesStore(knex) };
}

export const template: ReviewTemplate = {
  apiVersion: 'vigil.dev/v1alpha1',
  kind: 'LaunchReviewTemplate',
  metadata: { name: 'default', title: 'Default' },
  spec: {
    gates: [
      {
        id: 'performance',
        title: 'Performance',
        checks: [
          {
            id: 'slo-history',
            title: 'SLOs',
            type: 'automated',
            provider: 'slo-history',
            params: {},
            blocking: true,
          },
          {
            id: 'runbooks',
            title: 'Runbooks',
            type: 'manual',
            question: 'Reviewed?',
            answeredBy: 'owner',
            evidence: 'none',
            blocking: true,
          },
        ],
      },
    ],
  },
};

let counter = 0;

export function newReview(overrides: Partial<StoredReview> = {}): NewReview {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  const review: StoredReview = {
    id,
    entityRef: SCORING_API,
    title: 'Scoring API launch',
    templateName: 'default',
    templateTitle: 'Default',
    template,
    targetDate: '2027-01-15',
    state: 'open',
    reopenedAt: null,
    createdBy: 'user:default/carol',
    createdAt: iso(T0),
    updatedAt: iso(T0),
    lastEvaluatedAt: null,
    revision: 1,
    ...overrides,
  };
  return {
    review,
    results: [
      {
        checkId: 'slo-history',
        gateId: 'performance',
        status: 'pending',
        summary: 'Not evaluated yet',
        evidence: null,
        evidenceHash: null,
        evaluatedAt: null,
      },
    ],
    signers: ['group:default/product-owners'],
    event: {
      reviewId: review.id,
      type: 'opened',
      actor: 'user:default/carol',
      at: review.createdAt,
      data: {},
    },
  };
}
