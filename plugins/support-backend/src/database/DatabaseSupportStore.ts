import { randomUUID } from 'node:crypto';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { pluginMigrations } from '@vigil/backend-kit';
import type {
  Page,
  SupportFeedback,
  SupportTicket,
  TicketStatus,
} from '@vigil/backstage-plugin-support-common';
import type { Knex } from 'knex';
import type {
  NewFeedback,
  NewTicket,
  SupportStore,
  TicketListQuery,
  TicketStatusUpdate,
  TicketStatusUpdateResult,
} from './SupportStore';

/** The support backend's migrations (package `migrations/`). */
export const supportMigrations = pluginMigrations(
  '@vigil/backstage-plugin-support-backend',
);

const TICKETS = 'support_tickets';
const FEEDBACK = 'support_feedback';

interface TicketRow {
  id: string;
  reporter_ref: string;
  text: string;
  context: string;
  status: string;
  version: number | string;
  created_at: number | string;
  updated_at: number | string;
  updated_by: string | null;
}

interface FeedbackRow {
  id: string;
  reporter_ref: string;
  rating: number | string;
  text: string;
  context: string;
  created_at: number | string;
}

// PostgreSQL answers bigint columns and counts as strings.
const iso = (millis: number | string) => new Date(Number(millis)).toISOString();

function ticketOf(row: TicketRow): SupportTicket {
  return {
    id: row.id,
    reporterRef: row.reporter_ref,
    text: row.text,
    context: JSON.parse(row.context),
    status: row.status as TicketStatus,
    version: Number(row.version),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    ...(row.updated_by && { updatedBy: row.updated_by }),
  };
}

function feedbackOf(row: FeedbackRow): SupportFeedback {
  return {
    id: row.id,
    reporterRef: row.reporter_ref,
    rating: Number(row.rating),
    text: row.text,
    context: JSON.parse(row.context),
    createdAt: iso(row.created_at),
  };
}

/** Tickets and feedback in the plugin's database (SQLite or PostgreSQL). */
export class DatabaseSupportStore implements SupportStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseSupportStore> {
    return new DatabaseSupportStore(
      await supportMigrations.client(options.database),
    );
  }

  constructor(private readonly knex: Knex) {}

  async createTicket(ticket: NewTicket): Promise<SupportTicket> {
    const row: TicketRow = {
      id: randomUUID(),
      reporter_ref: ticket.reporterRef,
      text: ticket.text,
      context: JSON.stringify(ticket.context),
      status: 'open',
      version: 1,
      created_at: ticket.now,
      updated_at: ticket.now,
      updated_by: null,
    };
    await this.knex(TICKETS).insert(row);
    return ticketOf(row);
  }

  async getTicket(id: string): Promise<SupportTicket | undefined> {
    const row = await this.knex<TicketRow>(TICKETS).where({ id }).first();
    return row ? ticketOf(row) : undefined;
  }

  async listTickets(query: TicketListQuery): Promise<Page<SupportTicket>> {
    const filtered = () => {
      const builder = this.knex<TicketRow>(TICKETS);
      if (query.reporterRef) builder.where('reporter_ref', query.reporterRef);
      if (query.status) builder.where('status', query.status);
      return builder;
    };
    const [rows, [{ count }]] = await Promise.all([
      filtered()
        .select('*')
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(query.limit)
        .offset(query.offset),
      filtered().count({ count: '*' }),
    ]);
    return {
      items: (rows as TicketRow[]).map(ticketOf),
      totalCount: Number(count),
    };
  }

  async updateTicketStatus(
    update: TicketStatusUpdate,
  ): Promise<TicketStatusUpdateResult> {
    const changed = await this.knex<TicketRow>(TICKETS)
      .where({ id: update.id, version: update.expectedVersion })
      .update({
        status: update.status,
        version: update.expectedVersion + 1,
        updated_at: update.now,
        updated_by: update.actor,
      });
    const current = await this.getTicket(update.id);
    if (!current) return { kind: 'missing' };
    return changed === 1
      ? { kind: 'changed', ticket: current }
      : { kind: 'stale', current };
  }

  async createFeedback(feedback: NewFeedback): Promise<SupportFeedback> {
    const row: FeedbackRow = {
      id: randomUUID(),
      reporter_ref: feedback.reporterRef,
      rating: feedback.rating,
      text: feedback.text,
      context: JSON.stringify(feedback.context),
      created_at: feedback.now,
    };
    await this.knex(FEEDBACK).insert(row);
    return feedbackOf(row);
  }

  async listFeedback(query: {
    limit: number;
    offset: number;
  }): Promise<Page<SupportFeedback>> {
    const [rows, [{ count }]] = await Promise.all([
      this.knex<FeedbackRow>(FEEDBACK)
        .select('*')
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(query.limit)
        .offset(query.offset),
      this.knex(FEEDBACK).count({ count: '*' }),
    ]);
    return {
      items: (rows as FeedbackRow[]).map(feedbackOf),
      totalCount: Number(count),
    };
  }
}
