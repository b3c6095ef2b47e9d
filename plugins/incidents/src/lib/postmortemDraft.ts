/**
 * Local drafts of postmortem edits. Every edit is written to localStorage at
 * once, so that it survives a closed tab or a crashed browser even when the
 * server never got it; the draft is cleared once the server has it all.
 */
import type { PostmortemFields } from './postmortemFields';

export interface PostmortemDraft {
  /** The server version the edits were made on. */
  baseVersion: number;
  fields: unknown;
  /** When the last edit was made (ISO). */
  editedAt: string;
}

export function draftKey(postmortemId: string): string {
  return `vigil-incidents:postmortem-draft:${postmortemId}`;
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    // Disabled storage (privacy settings) throws on access.
    return undefined;
  }
}

export function readDraft(postmortemId: string): PostmortemDraft | undefined {
  const raw = storage()?.getItem(draftKey(postmortemId));
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw);
    if (
      parsed &&
      typeof parsed === 'object' &&
      typeof parsed.baseVersion === 'number' &&
      parsed.fields &&
      typeof parsed.fields === 'object'
    ) {
      return {
        baseVersion: parsed.baseVersion,
        fields: parsed.fields,
        editedAt: typeof parsed.editedAt === 'string' ? parsed.editedAt : '',
      };
    }
  } catch {
    // A corrupt draft is no draft.
  }
  return undefined;
}

/** Writes the draft; false when storage is unavailable or full. */
export function writeDraft(
  postmortemId: string,
  baseVersion: number,
  fields: PostmortemFields,
  editedAt: string = new Date().toISOString(),
): boolean {
  const store = storage();
  if (!store) return false;
  try {
    const draft: PostmortemDraft = { baseVersion, fields, editedAt };
    store.setItem(draftKey(postmortemId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(postmortemId: string): void {
  try {
    storage()?.removeItem(draftKey(postmortemId));
  } catch {
    // Nothing to clear without storage.
  }
}
