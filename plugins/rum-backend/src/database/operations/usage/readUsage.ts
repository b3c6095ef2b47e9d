import type { RumUsageRows } from '../../RumStore';
import { hourStart, toNumber, type StoreInternals } from '../StoreInternals';

/**
 * Users (distinct hashes), sessions and error sessions active in
 * [from, to), and the page-load and web-vital aggregates of the hours that
 * overlap it, summed in the database.
 */
export async function readUsage(
  { db }: StoreInternals,
  from: number,
  to: number,
): Promise<RumUsageRows> {
  const active = () =>
    db('rum_sessions')
      .where('last_seen_at', '>=', from)
      .andWhere('started_at', '<', to);
  const [sessions] = await active().count({ n: '*' });
  const [users] = await active()
    .whereNotNull('user_hash')
    .countDistinct({ n: 'user_hash' });
  const [errorSessions] = await active()
    .where('has_error', true)
    .count({ n: '*' });
  const firstHour = hourStart(from);
  const pageLoads: Array<{ route: string; count: number | string }> = await db(
    'rum_page_loads',
  )
    .select('route')
    .sum({ count: 'count' })
    .where('hour_start', '>=', firstHour)
    .andWhere('hour_start', '<', to)
    .groupBy('route');
  const vitalBuckets: Array<{
    route: string;
    vital: string;
    bucket: number | string;
    count: number | string;
  }> = await db('rum_vital_buckets')
    .select('route', 'vital', 'bucket')
    .sum({ count: 'count' })
    .where('hour_start', '>=', firstHour)
    .andWhere('hour_start', '<', to)
    .groupBy('route', 'vital', 'bucket');
  return {
    sessions: toNumber(sessions.n as number),
    users: toNumber(users.n as number),
    errorSessions: toNumber(errorSessions.n as number),
    pageLoads: pageLoads.map(r => ({
      route: String(r.route),
      count: toNumber(r.count),
    })),
    vitalBuckets: vitalBuckets.map(r => ({
      route: String(r.route),
      vital: String(r.vital),
      bucket: toNumber(r.bucket),
      count: toNumber(r.count),
    })),
  };
}
