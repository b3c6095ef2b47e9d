/**
 * History for the burn-down chart, downsampled in the database (the same
 * SQL on SQLite and PostgreSQL), so a 30-day period at one evaluation a
 * minute (~43,000 rows) is neither loaded nor sent whole.
 */
import type { Knex } from 'knex';
import type { HistoryCounts, HistoryRange } from './SloStore';
import { EVALUATION_COLUMNS, StatusRow, toNumber } from './rows';

export interface HistoryStats extends HistoryCounts {
  /** When the range's first and last evaluations were; null without any. */
  firstAt: number | null;
  lastAt: number | null;
}

function inRange(db: Knex, sloId: string, range: HistoryRange) {
  return db('slo_evaluations')
    .where('slo_id', sloId)
    .where('evaluated_at', '>=', range.from)
    .where('evaluated_at', '<=', range.to);
}

/** Counts and time span of every evaluation in the range, in one aggregate. */
export async function historyStats(
  db: Knex,
  sloId: string,
  range: HistoryRange,
): Promise<HistoryStats> {
  const [row] = await inRange(db, sloId, range).select(
    db.raw('count(*) as evaluations'),
    db.raw('count(budget_remaining) as with_data'),
    db.raw(
      'sum(case when budget_remaining < 0 then 1 else 0 end) as over_budget',
    ),
    db.raw('min(evaluated_at) as first_at'),
    db.raw('max(evaluated_at) as last_at'),
  );
  return {
    evaluations: Number(row.evaluations),
    evaluationsWithData: Number(row.with_data),
    // PostgreSQL sums to null (and counts as strings) over no rows.
    evaluationsOverBudget: toNumber(row.over_budget) ?? 0,
    firstAt: toNumber(row.first_at),
    lastAt: toNumber(row.last_at),
  };
}

/** The most severe status first; unknown ones count as ok. */
const SEVERITY_ORDER = `case status when 'breaching' then 0 when 'warning' then 1 when 'no-data' then 2 else 3 end`;

/**
 * The evaluations of the range for a chart `points` buckets wide: the time
 * from the first to the last evaluation (the chart's x axis) is cut into
 * `points` equal buckets, and each bucket keeps
 * - its last evaluation: the budget at the end of the bucket, which is the
 *   burn-down's line;
 * - its lowest budget, so a dip (a breach) is never smoothed away; ties go
 *   to the latest, which usually is the last evaluation already;
 * - the first evaluation of its most severe status, unless that is `ok`: a
 *   breach by a firing page alert with budget left, or a no-data gap
 *   (`null` budget, where the chart breaks its line), still shows.
 * So at most three rows per bucket, in time order, and `range.limit` at most.
 */
export async function downsampledHistory(
  db: Knex,
  sloId: string,
  range: HistoryRange & { points: number },
  span: { firstAt: number; lastAt: number },
): Promise<StatusRow[]> {
  const width = span.lastAt - span.firstAt + 1;
  // Bucket numbers 0..points-1. Non-negative, so truncation is floor: bigint
  // division on PostgreSQL, a cast of the quotient on SQLite.
  const bucketed = inRange(db, sloId, range).select(
    'id',
    'evaluated_at',
    'budget_remaining',
    'status',
    db.raw('cast((evaluated_at - ?) * ? / ? as integer) as bucket', [
      span.firstAt,
      range.points,
      width,
    ]),
  );
  const ranked = db
    .from(bucketed.as('b'))
    .select(
      'id',
      'status',
      db.raw(
        'row_number() over (partition by bucket order by evaluated_at desc, id desc) as latest',
      ),
      db.raw(
        `row_number() over (partition by bucket order by case when budget_remaining is null then 1 else 0 end, budget_remaining, evaluated_at desc, id desc) as lowest`,
      ),
      db.raw(
        `row_number() over (partition by bucket order by ${SEVERITY_ORDER}, evaluated_at, id) as worst`,
      ),
    );
  return await db
    .from(ranked.as('r'))
    .join('slo_evaluations as e', 'e.id', 'r.id')
    .where(kept =>
      kept
        .where('r.latest', 1)
        .orWhere('r.lowest', 1)
        .orWhere(worst => worst.where('r.worst', 1).whereNot('r.status', 'ok')),
    )
    .select(
      'e.slo_id',
      'e.entity_ref',
      ...EVALUATION_COLUMNS.map(column => `e.${column}`),
    )
    .orderBy('e.evaluated_at', 'asc')
    .orderBy('e.id', 'asc')
    .limit(range.limit);
}
