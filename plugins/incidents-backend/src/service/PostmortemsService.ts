import { InputError, NotFoundError } from '@backstage/errors';
import {
  ActionItem,
  ActionItemWithContext,
  ListActionItemsQuery,
  ListPostmortemsQuery,
  Postmortem,
  PostmortemListItem,
  PostmortemState,
  SavePostmortemRequest,
  UpdateActionItemRequest,
  isAllowedPostmortemTransition,
  draftPostmortem,
} from '@vigil/backstage-plugin-incidents-common';
import { randomUUID } from 'crypto';
import type { IncidentsBackendConfig } from '../config';
import type { DraftReader, IncidentStore } from '../database/IncidentStore';
import type { IncidentNotifier } from './IncidentNotifier';
import { VersionConflictError } from './errors';
import type { IncidentsService } from './IncidentsService';

/**
 * Postmortems and their action items: the first draft from the incident and
 * the template, versioned saves, state changes and action item updates.
 * The router has already authenticated, validated and authorized the caller.
 */
export class PostmortemsService {
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(
    private readonly options: {
      store: IncidentStore;
      incidents: IncidentsService;
      config: IncidentsBackendConfig;
      notifier: IncidentNotifier;
      now?: () => number;
      newId?: () => string;
    },
  ) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
  }

  private nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  /** `visible`: only postmortems of incidents affecting one of these entities (undefined: all). */
  list(
    query: ListPostmortemsQuery,
    visible?: readonly string[],
    drafts?: DraftReader,
  ): Promise<{ items: PostmortemListItem[]; totalCount: number }> {
    return this.options.store.listPostmortems(query, visible, drafts);
  }

  /** `visible`: only items of incidents affecting one of these entities (undefined: all). */
  listActionItems(
    query: ListActionItemsQuery,
    today: string,
    visible?: readonly string[],
    drafts?: DraftReader,
  ): Promise<{ items: ActionItemWithContext[]; totalCount: number }> {
    return this.options.store.listActionItems(query, today, visible, drafts);
  }

  async getActionItem(
    id: string,
  ): Promise<ActionItem & { postmortemId: string; incidentId: string }> {
    const item = await this.options.store.getActionItem(id);
    if (!item) throw new NotFoundError(`No action item with id ${id}`);
    return item;
  }

  async createPostmortem(
    incidentId: string,
    actor: string,
  ): Promise<{ created: boolean; postmortem: Postmortem }> {
    const stored = await this.options.incidents.getStored(incidentId);
    const { incident } = stored;
    if (incident.status !== 'resolved' && incident.status !== 'closed') {
      throw new InputError(
        `A postmortem starts once the incident is resolved; it is ${incident.status}`,
      );
    }
    const timeline = await this.options.store.getTimeline(incidentId);
    const postmortem = draftPostmortem({
      id: this.newId(),
      incident,
      timeline,
      template: this.options.config.postmortemTemplate,
      actor,
      now: this.nowIso(),
    });
    const result = await this.options.store.createPostmortem(postmortem, actor);
    if (result.created) {
      this.options.notifier.signal({ type: 'postmortem_updated', incidentId });
    }
    return result;
  }

  async getPostmortem(id: string): Promise<Postmortem> {
    const postmortem = await this.options.store.getPostmortem(id);
    if (!postmortem) throw new NotFoundError(`No postmortem with id ${id}`);
    return postmortem;
  }

  async savePostmortem(
    id: string,
    request: SavePostmortemRequest,
  ): Promise<Postmortem> {
    const now = this.nowIso();
    return this.mutatePostmortem(
      id,
      current => {
        if (current.state === 'published') {
          return {
            ok: false,
            error: 'a published postmortem cannot be edited',
          };
        }
        const { expectedVersion, actionItems, lessonsLearned, ...fields } =
          request;
        // Ids name this postmortem's items; a new item has none (the
        // server gives it one). Another postmortem's id would steal its row.
        const ownIds = new Set(current.actionItems.map(item => item.id));
        const foreign = (actionItems ?? []).find(
          item => item.id !== undefined && !ownIds.has(item.id),
        );
        if (foreign) {
          return {
            ok: false,
            error: `Invalid postmortem: actionItems: ${foreign.id} is not an action item of this postmortem; send new items without an id`,
          };
        }
        const next: Postmortem = {
          ...current,
          ...fields,
          lessonsLearned: {
            ...current.lessonsLearned,
            ...(lessonsLearned ?? {}),
          },
          ...(actionItems
            ? {
                actionItems: actionItems.map(item => ({
                  ...item,
                  id: item.id ?? this.newId(),
                })),
              }
            : {}),
        };
        if (JSON.stringify(next) === JSON.stringify(current)) {
          return { ok: true, postmortem: current, changed: false };
        }
        return {
          ok: true,
          changed: true,
          postmortem: { ...next, updatedAt: now, version: current.version + 1 },
        };
      },
      request.expectedVersion,
    );
  }

  async changePostmortemState(
    id: string,
    state: PostmortemState,
    expectedVersion: number,
    actor: string,
  ): Promise<Postmortem> {
    const now = this.nowIso();
    return this.mutatePostmortem(
      id,
      current => {
        if (current.state === state) {
          return { ok: true, postmortem: current, changed: false };
        }
        if (!isAllowedPostmortemTransition(current.state, state)) {
          return {
            ok: false,
            error: `cannot change a postmortem from ${current.state} to ${state}`,
          };
        }
        return {
          ok: true,
          changed: true,
          postmortem: {
            ...current,
            state,
            updatedAt: now,
            ...(state === 'published' ? { publishedAt: now } : {}),
            version: current.version + 1,
          },
        };
      },
      expectedVersion,
      actor,
    );
  }

  async updateActionItem(
    id: string,
    request: UpdateActionItemRequest,
  ): Promise<{ item: ActionItem; postmortem: Postmortem }> {
    const found = await this.getActionItem(id);
    const now = this.nowIso();
    const postmortem = await this.mutatePostmortem(
      found.postmortemId,
      current => {
        const items = current.actionItems.map(item => {
          if (item.id !== id) return item;
          const { dueDate, ...rest } = { ...item, ...request };
          const due = request.dueDate === null ? undefined : dueDate;
          return { ...rest, ...(due ? { dueDate: due } : {}) } as ActionItem;
        });
        const changed =
          JSON.stringify(items) !== JSON.stringify(current.actionItems);
        return changed
          ? {
              ok: true,
              changed: true,
              postmortem: {
                ...current,
                actionItems: items,
                updatedAt: now,
                version: current.version + 1,
              },
            }
          : { ok: true, changed: false, postmortem: current };
      },
    );
    return {
      item: postmortem.actionItems.find(item => item.id === id)!,
      postmortem,
    };
  }

  /** A postmortem change with the version check and the 404/409 mapping. */
  private async mutatePostmortem(
    id: string,
    mutate: (
      current: Postmortem,
    ) =>
      | { ok: true; postmortem: Postmortem; changed: boolean }
      | { ok: false; error: string },
    expectedVersion?: number,
    actor?: string,
  ): Promise<Postmortem> {
    const outcome = await this.options.store.mutatePostmortem<
      { conflict: true; message: string } | string
    >(
      id,
      current => {
        if (
          expectedVersion !== undefined &&
          current.version !== expectedVersion
        ) {
          return {
            ok: false,
            error: {
              conflict: true,
              message: `version conflict: expected version ${expectedVersion} but the current version is ${current.version}; reload and retry`,
            },
          };
        }
        return mutate(current);
      },
      actor,
    );
    if (!outcome.ok && 'notFound' in outcome) {
      throw new NotFoundError(`No postmortem with id ${id}`);
    }
    if (!outcome.ok) {
      if (typeof outcome.error === 'object') {
        throw new VersionConflictError(outcome.error.message, outcome.current);
      }
      throw new InputError(outcome.error);
    }
    if (outcome.changed) {
      this.options.notifier.signal({
        type: 'postmortem_updated',
        incidentId: outcome.postmortem.incidentId,
      });
    }
    return outcome.postmortem;
  }
}
