import type {
  CheckEvidence,
  CheckStatus,
} from '@vigil/backstage-plugin-launch-gates-common';
import type { Knex } from 'knex';
import type { StoredCheckResult } from '../../LaunchGatesStore';
import { isoOrNull, msOrNull } from '../StoreInternals';

export const RESULTS = 'launch_check_results';

/** A row of `launch_check_results`. */
export interface ResultRow {
  review_id: string;
  check_id: string;
  gate_id: string;
  status: string;
  summary: string;
  evidence: string | null;
  evidence_hash: string | null;
  evaluated_at: number | string | null;
}

export function resultFromRow(row: ResultRow): StoredCheckResult {
  return {
    checkId: row.check_id,
    gateId: row.gate_id,
    status: row.status as CheckStatus,
    summary: row.summary,
    evidence:
      row.evidence === null
        ? null
        : (JSON.parse(row.evidence) as CheckEvidence),
    evidenceHash: row.evidence_hash,
    evaluatedAt: isoOrNull(row.evaluated_at),
  };
}

export function rowOfResult(
  reviewId: string,
  result: StoredCheckResult,
): ResultRow {
  return {
    review_id: reviewId,
    check_id: result.checkId,
    gate_id: result.gateId,
    status: result.status,
    summary: result.summary,
    evidence: result.evidence === null ? null : JSON.stringify(result.evidence),
    evidence_hash: result.evidenceHash,
    evaluated_at: msOrNull(result.evaluatedAt),
  };
}

/** Writes results, each replacing the check's current one (the one mutable per-check row). */
export async function upsertResults(
  tx: Knex.Transaction,
  reviewId: string,
  results: readonly StoredCheckResult[],
): Promise<void> {
  if (results.length === 0) return;
  await tx(RESULTS)
    .insert(results.map(r => rowOfResult(reviewId, r)))
    .onConflict(['review_id', 'check_id'])
    .merge();
}
