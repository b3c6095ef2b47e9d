/**
 * A value of {@link queryString}'s parameters: a list repeats the key.
 * @public
 */
export type QueryValue =
  | string
  | number
  | boolean
  | undefined
  | readonly string[];

/**
 * `?a=1&b=x%20y` from an object, or `''` when nothing is set. Undefined and
 * empty values are left out (no filter); a list repeats its key. A space is
 * written `%20`, not `+`: the backends' OpenAPI validation refuses `+` in a
 * query value (a literal `+` is already `%2B`).
 * @public
 */
export function queryString<T extends { [K in keyof T]: QueryValue }>(
  params: T,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params) as Array<
    [string, QueryValue]
  >) {
    if (Array.isArray(value)) {
      for (const item of value) search.append(key, item);
    } else if (value !== undefined && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString().replace(/\+/g, '%20');
  return text ? `?${text}` : '';
}
