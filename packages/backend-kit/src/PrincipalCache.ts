import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { principalKey } from './principals';

const DEFAULT_LIMIT = 1_000;

/**
 * How a {@link PrincipalCache} keys, keeps and times its answers.
 * @public
 */
export interface PrincipalCacheOptions {
  /** Tells users and services apart (principalKey). */
  auth: Pick<AuthService, 'isPrincipal'>;
  /** How long a principal's answer is reused before it is computed again. */
  ttlMs: number;
  /** Principals kept at most; past it the cache starts over (default 1,000). */
  limit?: number;
  /** The clock, in ms (default Date.now). */
  now?: () => number;
}

/**
 * An answer per principal (user or service), reused for `ttlMs`. Concurrent
 * requests of a principal (a page's, or a burst when the answer expires)
 * share one computation; if it fails, each computes again with its own
 * credentials, so one caller's error is not another's. Anonymous callers
 * have no principal key and are never cached.
 * @public
 */
export class PrincipalCache<T> {
  private readonly answers = new Map<string, { value: T; expiresAt: number }>();
  private readonly pending = new Map<string, Promise<T>>();

  constructor(private readonly options: PrincipalCacheOptions) {}

  /** The caller's answer: reused while fresh, else `compute(credentials)`. */
  async get(
    credentials: BackstageCredentials,
    compute: (credentials: BackstageCredentials) => Promise<T>,
  ): Promise<T> {
    const now = (this.options.now ?? Date.now)();
    const key = principalKey(this.options.auth, credentials);
    if (!key) return compute(credentials);
    const cached = this.answers.get(key);
    if (cached && cached.expiresAt > now) return cached.value;

    const pending = this.pending.get(key);
    if (pending) return pending.catch(() => compute(credentials));
    const computing = compute(credentials).then(value => {
      if (this.answers.size >= (this.options.limit ?? DEFAULT_LIMIT)) {
        this.answers.clear();
      }
      this.answers.set(key, { value, expiresAt: now + this.options.ttlMs });
      return value;
    });
    this.pending.set(key, computing);
    try {
      return await computing;
    } finally {
      this.pending.delete(key);
    }
  }
}
