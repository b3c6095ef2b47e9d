import { resourceIdSchema } from './model';

/**
 * The position of a row in the incident list's order (declared newest
 * first, id as tie-break): a keyset cursor. A page after it starts right
 * below it, so paging deep costs what the first page does, and incidents
 * declared meanwhile do not shift the pages.
 */
export interface IncidentListCursor {
  /** `declaredAt` in epoch milliseconds. */
  declaredAt: number;
  id: string;
}

const toBase64Url = (text: string) =>
  btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The opaque `cursor` of the list: base64url of `[declaredAt, id]`. */
export function encodeIncidentCursor(cursor: IncidentListCursor): string {
  return toBase64Url(JSON.stringify([cursor.declaredAt, cursor.id]));
}

/** The position a `cursor` names, or undefined when it is not one this API issued. */
export function decodeIncidentCursor(
  text: string,
): IncidentListCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(atob(text.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [declaredAt, id] = value;
  if (
    !Number.isSafeInteger(declaredAt) ||
    declaredAt < 0 ||
    !resourceIdSchema.safeParse(id).success
  ) {
    return undefined;
  }
  return { declaredAt, id };
}
