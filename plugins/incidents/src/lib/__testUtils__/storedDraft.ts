import { draftKey } from '../postmortemDraft';

/** The local draft of postmortem pm-1 as stored, if there is one. */
export function storedDraft() {
  const raw = window.localStorage.getItem(draftKey('pm-1'));
  return raw ? JSON.parse(raw) : undefined;
}
