import type { StoredWaiver } from '../../LaunchGatesStore';
import { isoOf, isoOrNull } from '../StoreInternals';

export const WAIVERS = 'launch_waivers';
export const WAIVER_EXPIRIES = 'launch_waiver_expiries';

/** A row of `launch_waivers`, with its expiry notice (left join). */
export interface WaiverRow {
  id: string;
  review_id: string;
  check_id: string;
  reason: string;
  expires_at: number | string;
  created_by: string;
  created_at: number | string;
  evidence_hash: string;
  noticed_at?: number | string | null;
}

export function waiverFromRow(row: WaiverRow): StoredWaiver {
  return {
    id: row.id,
    reviewId: row.review_id,
    checkId: row.check_id,
    reason: row.reason,
    expiresAt: isoOf(row.expires_at),
    createdBy: row.created_by,
    createdAt: isoOf(row.created_at),
    evidenceHash: row.evidence_hash,
    expiryNoticedAt: isoOrNull(row.noticed_at ?? null),
  };
}
