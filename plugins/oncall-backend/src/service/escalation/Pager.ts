import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type { NotificationCounter } from '@vigil/backend-kit';
import type { OnCallStore, StoredPage } from '../../database/OnCallStore';
import { nextEscalation } from '@vigil/backstage-plugin-oncall-common';
import { isSandboxEntityRef } from '@vigil/backstage-plugin-sandbox-common';
import type { IncidentsApi } from './IncidentsClient';
import { EscalationPosition, PageMessenger } from './PageMessenger';
import {
  OnCallLookup,
  PagingDirectory,
  TargetResolver,
} from './TargetResolver';

/** What to page about (`POST /pages`, or the incidents backend for an incident). */
export interface PageRequest {
  entityRef: string;
  title: string;
  description?: string;
  incidentId?: string;
  link?: string;
  severity: StoredPage['severity'];
}

export interface PageOutcome {
  outcome: 'paged' | 'no-policy' | 'nobody-on-call';
  /** Absent when no policy covers the entity (no page is kept then). */
  page?: StoredPage;
  /** The users reached by this call (empty when the first step is delayed). */
  pagedUserRefs: string[];
  message: string;
}

export interface PagerOptions {
  store: OnCallStore;
  onCall: OnCallLookup;
  directory: PagingDirectory;
  notifications?: NotificationService;
  signals?: SignalsService;
  logger: LoggerService;
  incidents?: IncidentsApi;
  clock?: () => number;
  /** The notifications backend emails notifications (`notifications.processors.email` is configured). */
  emailEnabled?: boolean;
  /** First retry delay of a failed notification (then ×3). */
  notificationRetryMs?: number;
  /** Counts page notifications (`vigil_notifications_*{channel="oncall-page"}`). */
  notificationCounter?: NotificationCounter;
}

/** Pages due per batch of the escalation job, and batches per run. */
const DUE_BATCH = 100;
const MAX_BATCHES_PER_RUN = 10;
const DELIVERY_CONCURRENCY = 4;

/** Where a page stands before its first step. */
const BEFORE_FIRST_STEP: EscalationPosition = { repeatIndex: 0, stepIndex: -1 };

/**
 * Pages the people an escalation policy names and escalates unacknowledged
 * pages step by step. All state lives in the store: every step is claimed
 * with the store's compare-and-set before anyone is told, so with several
 * backend instances running the job each step is delivered once. A step
 * that reaches nobody moves straight on to the next one.
 */
export class Pager {
  private readonly clock: () => number;
  private readonly messenger: PageMessenger;

  constructor(private readonly options: PagerOptions) {
    this.clock = options.clock ?? Date.now;
    this.messenger = new PageMessenger(options);
  }

  async open(request: PageRequest, openedBy: string): Promise<PageOutcome> {
    const { store, directory } = this.options;
    const now = this.clock();
    // The sandbox's services are practice: their owner's real on-call is
    // never woken for them, whatever policy that group has.
    if (isSandboxEntityRef(request.entityRef)) {
      return {
        outcome: 'no-policy',
        pagedUserRefs: [],
        message: `${request.entityRef} is a sandbox service: practice never pages real on-call`,
      };
    }
    const policy = await directory.policyFor(request.entityRef);
    if (!policy) {
      return {
        outcome: 'no-policy',
        pagedUserRefs: [],
        message: `No escalation policy covers ${request.entityRef}`,
      };
    }
    const resolver = this.resolverAt(now);
    await resolver.prefetch(policy.steps);
    const reachable = await Promise.all(
      policy.steps.map(step => resolver.resolve(step)),
    );
    const anyone = reachable.some(users => users.length > 0);
    const first = nextEscalation(policy, now);
    let page = await store.createPage({
      entityRef: request.entityRef,
      ownerRef: (await directory.ownerOf(request.entityRef)) ?? policy.ownerRef,
      title: request.title,
      description: request.description,
      incidentId: request.incidentId,
      link: request.link,
      severity: request.severity,
      policyId: policy.id,
      policyName: policy.name,
      repeat: policy.repeat,
      steps: policy.steps,
      nextEscalationAt: anyone ? first?.at : undefined,
      openedAt: now,
      openedBy,
    });
    this.messenger.signal({
      type: 'page_opened',
      pageId: page.id,
      incidentId: page.incidentId,
    });

    if (!anyone || !first) {
      // Kept (not deleted) so the incident and the page list can say so.
      await store.advancePage(page.id, BEFORE_FIRST_STEP, {
        ...BEFORE_FIRST_STEP,
        status: 'exhausted',
      });
      return {
        outcome: 'nobody-on-call',
        page: (await store.getPage(page.id)) ?? page,
        pagedUserRefs: [],
        message: `Nobody is on call for any step of policy ${policy.name}`,
      };
    }
    if (page.nextEscalationAt! > now) {
      return {
        outcome: 'paged',
        page,
        pagedUserRefs: [],
        message: `Policy ${policy.name} pages its first step at ${new Date(
          page.nextEscalationAt!,
        ).toISOString()}`,
      };
    }
    let delivered = await this.escalate(page, resolver);
    page = (await store.getPage(page.id)) ?? page;
    if (!delivered) {
      // Another instance's escalation job delivered the first step first.
      const deliveries = await store.listDeliveries([page.id]);
      delivered = [...new Set(deliveries.map(d => d.userRef))];
    }
    return {
      outcome: 'paged',
      page,
      pagedUserRefs: delivered,
      message:
        delivered.length > 0
          ? `Paged ${delivered.join(', ')} (policy ${policy.name})`
          : `Policy ${policy.name} is paging`,
    };
  }

  /**
   * Acknowledges an open page as `by`: escalation stops, and an incident's
   * page acknowledges its incident as the same user (the incident's MTTA).
   * Undefined when there is no such page; `acknowledged` is false when the
   * page was not open.
   */
  async acknowledge(
    pageId: string,
    by: string,
    credentials?: BackstageCredentials,
  ): Promise<{ page: StoredPage; acknowledged: boolean } | undefined> {
    const { store, incidents, logger } = this.options;
    const page = await store.getPage(pageId);
    if (!page) return undefined;
    const acknowledged = await store.acknowledgePage(pageId, by, this.clock());
    if (acknowledged) {
      this.messenger.signal({
        type: 'page_acknowledged',
        pageId,
        incidentId: page.incidentId,
      });
      if (page.incidentId && incidents) {
        if (credentials) {
          await incidents.acknowledge(page.incidentId, credentials);
        } else {
          logger.info(
            `Page ${pageId} acknowledged without a user's credentials; incident ${page.incidentId} left as is`,
          );
        }
      }
    }
    return { page: (await store.getPage(pageId)) ?? page, acknowledged };
  }

  /**
   * The incident was acknowledged in the incidents backend: its open pages
   * stop escalating (without calling the incidents backend back).
   */
  async acknowledgeIncident(incidentId: string, by: string): Promise<number> {
    const now = this.clock();
    return this.forIncidentPages(incidentId, ['open'], async page => {
      if (!(await this.options.store.acknowledgePage(page.id, by, now))) {
        return false;
      }
      this.messenger.signal({
        type: 'page_acknowledged',
        pageId: page.id,
        incidentId,
      });
      return true;
    });
  }

  /** The incident was resolved or closed: its pages are resolved. */
  async resolveIncident(incidentId: string): Promise<number> {
    const now = this.clock();
    return this.forIncidentPages(
      incidentId,
      ['open', 'acknowledged'],
      async page => {
        if (!(await this.options.store.resolvePage(page.id, now))) return false;
        this.messenger.signal({
          type: 'page_resolved',
          pageId: page.id,
          incidentId,
        });
        return true;
      },
    );
  }

  /**
   * The escalation job: delivers every step that is due. Safe to run on
   * several instances at once (each step is claimed before delivery).
   */
  async runDue(): Promise<{ due: number; delivered: number }> {
    let due = 0;
    let delivered = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const now = this.clock();
      const pages = await this.options.store.duePages(now, DUE_BATCH);
      due += pages.length;
      const resolver = this.resolverAt(now);
      try {
        await resolver.prefetch(pages.flatMap(page => page.steps));
      } catch (error) {
        // Each page asks again below and fails (and stays due) on its own.
        this.options.logger.warn(`Could not look up who is on call: ${error}`);
      }
      const outcome = await this.escalateAll(pages, resolver);
      delivered += outcome.delivered;
      // A full batch may leave more due, unless it only failed (they would come back).
      if (pages.length < DUE_BATCH || outcome.failed === pages.length) break;
    }
    return { due, delivered };
  }

  /** Escalates due pages a few at a time (each waits on the notifications backend). */
  private async escalateAll(
    pages: StoredPage[],
    resolver: TargetResolver,
  ): Promise<{ delivered: number; failed: number }> {
    const queue = [...pages];
    let delivered = 0;
    let failed = 0;
    const worker = async () => {
      for (let page = queue.shift(); page; page = queue.shift()) {
        try {
          if (await this.escalate(page, resolver)) delivered += 1;
        } catch (error) {
          // Not claimed, so still due: the next run tries again.
          failed += 1;
          this.options.logger.warn(
            `Could not escalate page ${page.id}: ${error}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: DELIVERY_CONCURRENCY }, worker));
    return { delivered, failed };
  }

  /**
   * Claims and delivers the page's next step; steps that reach nobody are
   * claimed and passed over at once. The users reached, or undefined when
   * nothing was delivered (another instance claimed it, or no step reached
   * anyone before the end of the policy).
   */
  private async escalate(
    page: StoredPage,
    resolver: TargetResolver,
  ): Promise<string[] | undefined> {
    const plan = { steps: page.steps, repeat: page.repeat };
    // Due times count from the opening over the flattened repeat × steps
    // list, so a late run of the job does not push the rest of the policy back.
    const stepAfter = (position: EscalationPosition) =>
      nextEscalation(
        plan,
        page.openedAt,
        position.stepIndex < 0 ? undefined : position,
      );
    const dueAt = page.nextEscalationAt ?? resolver.at;
    let from: EscalationPosition = {
      repeatIndex: page.repeatIndex,
      stepIndex: page.stepIndex,
    };
    for (let step = stepAfter(from); step; ) {
      const position = {
        repeatIndex: step.repeatIndex,
        stepIndex: step.stepIndex,
      };
      const reached = await resolver.resolve(plan.steps[position.stepIndex]);
      const after = stepAfter(position);
      const claimed = await this.options.store.advancePage(page.id, from, {
        ...position,
        // Past a step that reaches nobody the next one is due at once.
        nextEscalationAt: after && (reached.length === 0 ? dueAt : after.at),
      });
      if (!claimed) return undefined;
      if (reached.length > 0) {
        await this.messenger.stepDelivered(
          page,
          position,
          reached,
          resolver.at,
        );
        return reached.map(r => r.userRef);
      }
      from = position;
      step = after;
    }
    return undefined;
  }

  private resolverAt(at: number): TargetResolver {
    return new TargetResolver(this.options.onCall, this.options.directory, at);
  }

  private async forIncidentPages(
    incidentId: string,
    status: StoredPage['status'][],
    change: (page: StoredPage) => Promise<boolean>,
  ): Promise<number> {
    const { items } = await this.options.store.listPages({
      incidentId,
      status,
      limit: 100,
      offset: 0,
    });
    let changed = 0;
    for (const page of items) {
      if (await change(page)) changed += 1;
    }
    return changed;
  }
}
