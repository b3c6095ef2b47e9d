import type {
  CheckStatus,
  EffectiveCheckStatus,
  ReviewCounts,
  ReviewState,
  Waiver,
} from './records';

/**
 * Readiness rules: waivers, blockers, a review's state and who may sign.
 * Pure and table-tested; the backend applies them, the UI explains them.
 */

/** What the rules need of a waiver. @public */
export type WaiverTerms = Pick<
  Waiver,
  'id' | 'checkId' | 'expiresAt' | 'createdAt'
>;

/** @public */
export function isWaiverActive(waiver: WaiverTerms, now: Date): boolean {
  return Date.parse(waiver.expiresAt) > now.getTime();
}

/**
 * The waiver in force for a check: the unexpired one that lasts longest
 * (waivers are append-only, so a check may have several).
 * @public
 */
export function activeWaiverFor<W extends WaiverTerms>(
  waivers: readonly W[],
  checkId: string,
  now: Date,
): W | undefined {
  let best: W | undefined;
  for (const waiver of waivers) {
    if (waiver.checkId !== checkId || !isWaiverActive(waiver, now)) continue;
    if (!best || Date.parse(waiver.expiresAt) > Date.parse(best.expiresAt)) {
      best = waiver;
    }
  }
  return best;
}

/**
 * A check's status with waivers counted: a waiver covers any status but a
 * pass (a passing check needs none).
 * @public
 */
export function effectiveStatus(
  status: CheckStatus,
  waived: boolean,
): EffectiveCheckStatus {
  if (status === 'pass') return 'pass';
  return waived ? 'waived' : status;
}

const SEVERITY: Record<EffectiveCheckStatus, number> = {
  pass: 0,
  waived: 1,
  pending: 2,
  unknown: 3,
  fail: 4,
};

/** The worst of some statuses (a gate's status); `pass` for none. @public */
export function worstStatus(
  statuses: readonly EffectiveCheckStatus[],
): EffectiveCheckStatus {
  let worst: EffectiveCheckStatus = 'pass';
  for (const s of statuses) if (SEVERITY[s] > SEVERITY[worst]) worst = s;
  return worst;
}

/** @public */
export function countStatuses(
  statuses: readonly EffectiveCheckStatus[],
): ReviewCounts {
  const counts: ReviewCounts = {
    pass: 0,
    fail: 0,
    unknown: 0,
    pending: 0,
    waived: 0,
  };
  for (const s of statuses) counts[s] += 1;
  return counts;
}

/** What the rules need of a check. @public */
export interface CheckStanding {
  checkId: string;
  blocking: boolean;
  effectiveStatus: EffectiveCheckStatus;
}

/**
 * The blocking checks that stand in the way of a Go: neither passing nor
 * waived (failing, unknown, or still pending), in template order.
 * @public
 */
export function blockersOf(checks: readonly CheckStanding[]): string[] {
  return checks
    .filter(
      c =>
        c.blocking &&
        c.effectiveStatus !== 'pass' &&
        c.effectiveStatus !== 'waived',
    )
    .map(c => c.checkId);
}

/**
 * A review's state. A Go stays `go` while nothing blocks it; once something
 * blocks it after the sign-off the review is `reopened`, and stays so until
 * the product owner signs again (a check that passes again does not undo a
 * reopening by itself).
 * @public
 */
export function deriveReviewState(input: {
  latestSignOff: { decision: 'go' | 'no-go'; signedAt: string } | undefined;
  blockers: readonly string[];
  /** When the review was last reopened, if ever. */
  reopenedAt: string | null;
}): ReviewState {
  const { latestSignOff, blockers, reopenedAt } = input;
  if (!latestSignOff) return 'open';
  if (latestSignOff.decision === 'no-go') return 'no-go';
  if (
    reopenedAt &&
    Date.parse(reopenedAt) >= Date.parse(latestSignOff.signedAt)
  ) {
    return 'reopened';
  }
  return blockers.length > 0 ? 'reopened' : 'go';
}

/**
 * Who may sign off an entity's launch: the entity's `vigil.dev/product-owner`
 * annotation (one or more refs, comma separated), else the template's
 * `spec.productOwner`. Refs are completed to `kind:default/name`.
 * @public
 */
export function productOwnersOf(
  annotation: string | undefined,
  templateProductOwner: string | undefined,
): string[] {
  const raw = annotation?.trim() ? annotation : templateProductOwner ?? '';
  return Array.from(
    new Set(
      raw
        .split(',')
        .map(s => s.trim())
        .filter(Boolean)
        .map(ref => {
          const [kind, rest] = ref.split(':', 2);
          if (!rest) return ref.toLocaleLowerCase('en-US');
          const full = rest.includes('/') ? rest : `default/${rest}`;
          return `${kind}:${full}`.toLocaleLowerCase('en-US');
        }),
    ),
  );
}

/**
 * Whether a user with these ownership claims (their user ref and groups)
 * is one of `refs`.
 * @public
 */
export function claimsInclude(
  claims: readonly string[],
  refs: readonly string[],
): boolean {
  const wanted = new Set(refs.map(r => r.toLocaleLowerCase('en-US')));
  return claims.some(c => wanted.has(c.toLocaleLowerCase('en-US')));
}

function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * JSON with object keys sorted at every level: the same evidence always
 * hashes the same.
 * @public
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) {
    return `[${value.map(v => canonicalJson(v)).join(',')}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => compareKeys(a, b));
  return `{${entries
    .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
    .join(',')}}`;
}

/**
 * What a review's evidence hash covers: each check's status and evidence
 * hash, and the active waivers. The backend hashes `canonicalJson` of it
 * with sha256.
 * @public
 */
export function reviewEvidenceDocument(input: {
  reviewId: string;
  checks: ReadonlyArray<{
    checkId: string;
    status: CheckStatus;
    evidenceHash: string | null;
  }>;
  activeWaiverIds: readonly string[];
}): unknown {
  return {
    reviewId: input.reviewId,
    checks: [...input.checks]
      .map(c => ({
        checkId: c.checkId,
        status: c.status,
        evidenceHash: c.evidenceHash,
      }))
      .sort((a, b) => (a.checkId < b.checkId ? -1 : 1)),
    waivers: [...input.activeWaiverIds].sort(),
  };
}
