/**
 * A query parameter's value; `undefined`, `null` and `''` leave it out.
 * @public
 */
export type QueryValue = string | number | boolean | Date | null | undefined;

/**
 * `?a=1&b=x` from the values that are set (dates as ISO 8601), or `''` when
 * none is, so it can be appended to a path as it is.
 * @public
 */
export function toQueryString(
  values: Record<string, QueryValue> | URLSearchParams,
): string {
  const params =
    values instanceof URLSearchParams ? values : new URLSearchParams();
  if (!(values instanceof URLSearchParams)) {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined || value === null || value === '') continue;
      params.set(
        key,
        value instanceof Date ? value.toISOString() : String(value),
      );
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
