import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { actorOf, type ReadableEntitiesCache } from '@vigil/backend-kit';
import {
  launchGatesReportCreatePermission,
  type PostedReport,
  type StoredReport,
} from '@vigil/backstage-plugin-launch-gates-common';
import type { LaunchGatesStore } from '../database/LaunchGatesStore';
import { normaliseEntityRef } from './entities';
import type { LaunchGatesAuthorizer } from './LaunchGatesAuthorizer';
import type { ReviewEvaluationService } from './ReviewEvaluationService';

/**
 * Load-test and security-scan reports posted by CI (or an owner): kept for
 * the load-test and security-scan checks, as visible as their entity.
 */
export class ReportService {
  constructor(
    private readonly options: {
      store: LaunchGatesStore;
      evaluation: Pick<ReviewEvaluationService, 'entityOf'>;
      authorizer: LaunchGatesAuthorizer;
      visibility: Pick<ReadableEntitiesCache, 'readableEntityRefs'>;
      now: () => Date;
    },
  ) {}

  async post(
    report: PostedReport,
    credentials: BackstageCredentials,
  ): Promise<StoredReport> {
    const entityRef = normaliseEntityRef(report.entityRef);
    // The CI token may not read the catalog itself: the plugin asks.
    if (!entityRef || !(await this.options.evaluation.entityOf(entityRef))) {
      throw new InputError(
        `Invalid report: entityRef: ${report.entityRef} is not in the catalog`,
      );
    }
    await this.options.authorizer.require(
      launchGatesReportCreatePermission,
      entityRef,
      credentials,
      'post launch reports',
    );
    return this.options.store.createReport({
      report,
      entityRef,
      postedBy: actorOf(credentials),
      postedAt: this.options.now().toISOString(),
    });
  }

  async list(
    query: {
      entityRef?: string;
      kind?: StoredReport['kind'];
      limit: number;
      offset: number;
    },
    credentials: BackstageCredentials,
  ): Promise<{ items: StoredReport[]; totalCount: number }> {
    const readable = await this.options.visibility.readableEntityRefs(
      credentials,
    );
    let entityRefs: readonly string[] | undefined = readable;
    if (query.entityRef !== undefined) {
      const ref = normaliseEntityRef(query.entityRef);
      entityRefs = ref && (!readable || readable.includes(ref)) ? [ref] : [];
    }
    return this.options.store.listReports({
      entityRefs,
      kind: query.kind,
      limit: query.limit,
      offset: query.offset,
    });
  }
}
