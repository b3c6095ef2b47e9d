import { randomUUID } from 'node:crypto';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { pluginMigrations } from '@vigil/backend-kit';
import type {
  EscalationPolicy,
  Override,
  PageStatus,
  Schedule,
  ScheduleVersion,
  TemporarySchedule,
} from '@vigil/backstage-plugin-oncall-common';
import type { Knex } from 'knex';
import type {
  CalendarToken,
  EscalationPolicyEdit,
  NewEscalationPolicy,
  NewOverride,
  NewPage,
  NewSchedule,
  NewTemporarySchedule,
  OnCallStore,
  PageDelivery,
  ScheduleEdit,
  ScheduleListQuery,
  StoredPage,
} from './OnCallStore';
import { createCalendarToken } from './operations/calendarTokens/createCalendarToken';
import { findCalendarToken } from './operations/calendarTokens/findCalendarToken';
import { listCalendarTokens } from './operations/calendarTokens/listCalendarTokens';
import { revokeCalendarToken } from './operations/calendarTokens/revokeCalendarToken';
import { createOverride } from './operations/overrides/createOverride';
import { deleteOverride } from './operations/overrides/deleteOverride';
import { getOverride } from './operations/overrides/getOverride';
import {
  listOverrides,
  listOverridesMany,
} from './operations/overrides/listOverrides';
import { truncateOverride } from './operations/overrides/truncateOverride';
import { acknowledgePage } from './operations/pages/acknowledgePage';
import { advancePage } from './operations/pages/advancePage';
import { createPage } from './operations/pages/createPage';
import { countDuePages } from './operations/pages/countDuePages';
import { duePages } from './operations/pages/duePages';
import { getPage } from './operations/pages/getPage';
import { listDeliveries } from './operations/pages/listDeliveries';
import { listPages } from './operations/pages/listPages';
import { recordDeliveries } from './operations/pages/recordDeliveries';
import { resolvePage } from './operations/pages/resolvePage';
import { createPolicy } from './operations/policies/createPolicy';
import { deletePolicy } from './operations/policies/deletePolicy';
import { getPolicy } from './operations/policies/getPolicy';
import { listPolicies } from './operations/policies/listPolicies';
import { updatePolicy } from './operations/policies/updatePolicy';
import { createSchedule } from './operations/schedules/createSchedule';
import { deleteSchedule } from './operations/schedules/deleteSchedule';
import {
  getScheduleVersions,
  getScheduleVersionsMany,
} from './operations/schedules/getScheduleVersions';
import { getSchedule, getSchedules } from './operations/schedules/getSchedules';
import { listSchedules } from './operations/schedules/listSchedules';
import { updateSchedule } from './operations/schedules/updateSchedule';
import type { StoreInternals } from './operations/StoreInternals';
import { createTemporarySchedule } from './operations/temporarySchedules/createTemporarySchedule';
import { deleteTemporarySchedule } from './operations/temporarySchedules/deleteTemporarySchedule';
import { getTemporarySchedule } from './operations/temporarySchedules/getTemporarySchedule';
import {
  listTemporarySchedules,
  listTemporarySchedulesMany,
} from './operations/temporarySchedules/listTemporarySchedules';
import { truncateTemporarySchedule } from './operations/temporarySchedules/truncateTemporarySchedule';

/** The plugin's migrations (`migrations/`). */
export const oncallMigrations = pluginMigrations(
  '@vigil/backstage-plugin-oncall-backend',
);

/**
 * {@link OnCallStore} on the plugin's database (SQLite or PostgreSQL): a
 * facade over the operations in `./operations/<area>/<verb>.ts`.
 */
export class DatabaseOnCallStore implements OnCallStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseOnCallStore> {
    return new DatabaseOnCallStore(
      await oncallMigrations.client(options.database, options),
    );
  }

  /** What the operations use of this store. */
  private readonly internals: StoreInternals;

  constructor(db: Knex) {
    this.internals = {
      db,
      isPostgres: String(db.client.config.client).includes('pg'),
      newId: randomUUID,
    };
  }

  // ------------------------------------------------------------ schedules

  async createSchedule(input: NewSchedule): Promise<Schedule> {
    return createSchedule(this.internals, input);
  }

  async getSchedule(id: string): Promise<Schedule | undefined> {
    return getSchedule(this.internals, id);
  }

  async getSchedules(ids: string[]): Promise<Schedule[]> {
    return getSchedules(this.internals, ids);
  }

  async listSchedules(
    query: ScheduleListQuery,
  ): Promise<{ items: Schedule[]; total: number }> {
    return listSchedules(this.internals, query);
  }

  async updateSchedule(
    edit: ScheduleEdit,
  ): Promise<Schedule | 'conflict' | undefined> {
    return updateSchedule(this.internals, edit);
  }

  async deleteSchedule(
    id: string,
    version: number,
  ): Promise<boolean | 'conflict'> {
    return deleteSchedule(this.internals, id, version);
  }

  async getScheduleVersions(
    scheduleId: string,
    from: number,
    to: number,
  ): Promise<ScheduleVersion[]> {
    return getScheduleVersions(this.internals, scheduleId, from, to);
  }

  async getScheduleVersionsMany(
    scheduleIds: string[],
    from: number,
    to: number,
  ): Promise<Map<string, ScheduleVersion[]>> {
    return getScheduleVersionsMany(this.internals, scheduleIds, from, to);
  }

  // ------------------------------------------------------------ overrides

  async createOverride(input: NewOverride): Promise<Override> {
    return createOverride(this.internals, input);
  }

  async getOverride(id: string): Promise<Override | undefined> {
    return getOverride(this.internals, id);
  }

  async listOverrides(
    scheduleId: string,
    from: number,
    to: number,
  ): Promise<Override[]> {
    return listOverrides(this.internals, scheduleId, from, to);
  }

  async listOverridesMany(
    scheduleIds: string[],
    from: number,
    to: number,
  ): Promise<Map<string, Override[]>> {
    return listOverridesMany(this.internals, scheduleIds, from, to);
  }

  async deleteOverride(id: string): Promise<boolean> {
    return deleteOverride(this.internals, id);
  }

  async truncateOverride(id: string, end: number): Promise<boolean> {
    return truncateOverride(this.internals, id, end);
  }

  // ---------------------------------------------------- temporary schedules

  async createTemporarySchedule(
    input: NewTemporarySchedule,
  ): Promise<TemporarySchedule> {
    return createTemporarySchedule(this.internals, input);
  }

  async getTemporarySchedule(
    id: string,
  ): Promise<TemporarySchedule | undefined> {
    return getTemporarySchedule(this.internals, id);
  }

  async listTemporarySchedules(
    scheduleId: string,
    from: number,
    to: number,
  ): Promise<TemporarySchedule[]> {
    return listTemporarySchedules(this.internals, scheduleId, from, to);
  }

  async listTemporarySchedulesMany(
    scheduleIds: string[],
    from: number,
    to: number,
  ): Promise<Map<string, TemporarySchedule[]>> {
    return listTemporarySchedulesMany(this.internals, scheduleIds, from, to);
  }

  async deleteTemporarySchedule(id: string): Promise<boolean> {
    return deleteTemporarySchedule(this.internals, id);
  }

  async truncateTemporarySchedule(id: string, end: number): Promise<boolean> {
    return truncateTemporarySchedule(this.internals, id, end);
  }

  // ------------------------------------------------------------ policies

  async createPolicy(input: NewEscalationPolicy): Promise<EscalationPolicy> {
    return createPolicy(this.internals, input);
  }

  async getPolicy(id: string): Promise<EscalationPolicy | undefined> {
    return getPolicy(this.internals, id);
  }

  async listPolicies(query: {
    ownerRefs?: string[];
    limit: number;
    offset: number;
  }): Promise<{ items: EscalationPolicy[]; total: number }> {
    return listPolicies(this.internals, query);
  }

  async updatePolicy(
    edit: EscalationPolicyEdit,
  ): Promise<EscalationPolicy | 'conflict' | undefined> {
    return updatePolicy(this.internals, edit);
  }

  async deletePolicy(
    id: string,
    version: number,
  ): Promise<boolean | 'conflict'> {
    return deletePolicy(this.internals, id, version);
  }

  // ------------------------------------------------------------ pages

  async createPage(input: NewPage): Promise<StoredPage> {
    return createPage(this.internals, input);
  }

  async getPage(id: string): Promise<StoredPage | undefined> {
    return getPage(this.internals, id);
  }

  async listPages(query: {
    incidentId?: string;
    entityRef?: string;
    userRef?: string;
    status?: PageStatus[];
    limit: number;
    offset: number;
  }): Promise<{ items: StoredPage[]; total: number }> {
    return listPages(this.internals, query);
  }

  async duePages(now: number, limit: number): Promise<StoredPage[]> {
    return duePages(this.internals, now, limit);
  }

  async countDuePages(
    now: number,
  ): Promise<Partial<Record<StoredPage['severity'], number>>> {
    return countDuePages(this.internals, now);
  }

  async advancePage(
    id: string,
    from: { repeatIndex: number; stepIndex: number },
    to: {
      repeatIndex: number;
      stepIndex: number;
      nextEscalationAt?: number;
      status?: PageStatus;
    },
  ): Promise<boolean> {
    return advancePage(this.internals, id, from, to);
  }

  async acknowledgePage(id: string, by: string, at: number): Promise<boolean> {
    return acknowledgePage(this.internals, id, by, at);
  }

  async resolvePage(id: string, at: number): Promise<boolean> {
    return resolvePage(this.internals, id, at);
  }

  async recordDeliveries(deliveries: PageDelivery[]): Promise<void> {
    return recordDeliveries(this.internals, deliveries);
  }

  async listDeliveries(pageIds: string[]): Promise<PageDelivery[]> {
    return listDeliveries(this.internals, pageIds);
  }

  // ------------------------------------------------------ calendar tokens

  async createCalendarToken(input: {
    tokenHash: string;
    kind: CalendarToken['kind'];
    subject: string;
    createdBy: string;
    createdAt: number;
  }): Promise<CalendarToken> {
    return createCalendarToken(this.internals, input);
  }

  async findCalendarToken(
    tokenHash: string,
  ): Promise<CalendarToken | undefined> {
    return findCalendarToken(this.internals, tokenHash);
  }

  async listCalendarTokens(createdBy: string): Promise<CalendarToken[]> {
    return listCalendarTokens(this.internals, createdBy);
  }

  async revokeCalendarToken(
    id: string,
    by: string,
    at: number,
  ): Promise<boolean> {
    return revokeCalendarToken(this.internals, id, by, at);
  }
}
