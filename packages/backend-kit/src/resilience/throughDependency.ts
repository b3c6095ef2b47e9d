import type { ResilientDependency } from './types';

/**
 * `service` with the named async methods called through `dependency`
 * (timeout, breaker, and retries when `idempotent`); its other members are
 * untouched. E.g. notifications:
 * `throughDependency(notifications, health.dependency('notifications'), ['send'])`
 * — sending is not idempotent, so it is never retried here (callers that
 * retry on their own schedule keep doing so).
 * @public
 */
export function throughDependency<T extends object>(
  service: T,
  dependency: ResilientDependency,
  methods: ReadonlyArray<keyof T>,
  options?: { idempotent?: boolean },
): T {
  const wrapped = Object.create(service) as T;
  for (const method of methods) {
    const original = service[method];
    if (typeof original !== 'function') {
      throw new TypeError(`${String(method)} is not a method`);
    }
    (wrapped as Record<keyof T, unknown>)[method] = (...args: unknown[]) =>
      dependency.execute(
        () => Promise.resolve(original.apply(service, args)),
        options,
      );
  }
  return wrapped;
}
