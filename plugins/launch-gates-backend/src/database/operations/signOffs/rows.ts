import type {
  EffectiveCheckStatus,
  SignOff,
} from '@vigil/backstage-plugin-launch-gates-common';
import { isoOf } from '../StoreInternals';

export const SIGN_OFFS = 'launch_sign_offs';

/** A row of `launch_sign_offs`. */
export interface SignOffRow {
  id: string;
  review_id: string;
  decision: string;
  comment: string;
  signed_by: string;
  signed_at: number | string;
  evidence_hash: string;
  check_statuses: string;
  waiver_ids: string;
}

export function signOffFromRow(row: SignOffRow): SignOff {
  return {
    id: row.id,
    reviewId: row.review_id,
    decision: row.decision as SignOff['decision'],
    comment: row.comment,
    signedBy: row.signed_by,
    signedAt: isoOf(row.signed_at),
    evidenceHash: row.evidence_hash,
    checkStatuses: JSON.parse(row.check_statuses) as Record<
      string,
      EffectiveCheckStatus
    >,
    waiverIds: JSON.parse(row.waiver_ids) as string[],
  };
}
