import { useCallback, useEffect, useRef, useState } from 'react';
import type { IncidentsApi } from '../api/IncidentsApi';
import { errorMessage, isConflictError } from '../api/errors';
import type { PostmortemDetails } from '../api/types';
import {
  clearDraft,
  PostmortemDraft,
  readDraft,
  writeDraft,
} from './postmortemDraft';
import {
  assignServerIds,
  changedFields,
  coerceFields,
  fieldsFromPostmortem,
  PostmortemFields,
  PostmortemProblem,
  sameFields,
  splitValidChanges,
  validateChanges,
  withItemIds,
  withSavedFields,
} from './postmortemFields';

/** Save to the server after this long without an edit. */
export const AUTOSAVE_DELAY_MS = 1000;

export type SaveStatus =
  /** The server has every edit. */
  | 'saved'
  /** Edits wait for the debounce (they are in the local draft already). */
  | 'unsaved'
  | 'saving'
  /** The last save failed; the edits are kept locally. */
  | 'error'
  /**
   * Some edits do not validate: those fields were held back (kept in the
   * local draft), every other field was saved.
   */
  | 'invalid'
  /** Someone else saved first; the user must choose. */
  | 'conflict';

/** A local draft made on an older server version than the one loaded. */
export type StaleDraft = Omit<PostmortemDraft, 'fields'> & {
  fields: PostmortemFields;
};

export interface PostmortemAutosave {
  fields: PostmortemFields;
  /** Applies an edit: stored locally at once, saved after the debounce. */
  update(change: (fields: PostmortemFields) => PostmortemFields): void;
  status: SaveStatus;
  /** The error of the last failed save. */
  error?: string;
  /** That failed save's error itself (for "Report this problem"). */
  failure?: unknown;
  /**
   * Why edits cannot be saved, for the current content (updated on every
   * edit); the fields they are in are held back from the server.
   */
  problems: PostmortemProblem[];
  /**
   * Whether to point the problems out on the fields: once a save held
   * something back, or the user tried to publish, until they are fixed.
   */
  showProblems: boolean;
  /** Points the problems out (e.g. when the user tries to publish). */
  revealProblems(): void;
  /** The server version the editor is based on. */
  version: number;
  /** The version now, also right after a save (before a re-render). */
  currentVersion(): number;
  /** Whether edits from this browser were restored when the page loaded. */
  restoredOnLoad: boolean;
  /** The state another session saved, when a save hit a conflict. */
  conflict?: PostmortemDetails;
  /** A local draft based on an older version, awaiting the user's choice. */
  staleDraft?: StaleDraft;
  restoreDraft(): void;
  discardDraft(): void;
  /** Conflict: drop local edits and take the stored version. */
  loadTheirs(): void;
  /** Conflict: save the local edits over the stored version. */
  overwriteWithMine(): void;
  /**
   * Saves now; resolves true once the server has every edit, false when
   * something is still unsaved (held back, failed, conflict).
   */
  flush(): Promise<boolean>;
  /**
   * Takes a newer server state: another session's (live update) only when
   * there are no local edits; an own change (`own`, e.g. a state change)
   * always, keeping local edits on top. Returns whether it was taken.
   */
  applyServerState(details: PostmortemDetails, own?: boolean): boolean;
}

interface InitialState {
  fields: PostmortemFields;
  saved: PostmortemFields;
  restoredOnLoad: boolean;
  staleDraft?: StaleDraft;
}

function initialState(
  details: PostmortemDetails,
  editable: boolean,
): InitialState {
  const { postmortem } = details;
  const saved = fieldsFromPostmortem(postmortem);
  const none = { fields: saved, saved, restoredOnLoad: false };
  if (postmortem.state === 'published') {
    // Read-only for good: a draft can never be saved.
    clearDraft(postmortem.id);
    return none;
  }
  if (!editable) return none;
  const draft = readDraft(postmortem.id);
  if (!draft) return none;
  const fields = coerceFields(draft.fields, saved);
  if (sameFields(fields, saved)) {
    clearDraft(postmortem.id);
    return none;
  }
  if (draft.baseVersion === postmortem.version) {
    return { fields, saved, restoredOnLoad: true };
  }
  return { ...none, staleDraft: { ...draft, fields } };
}

/**
 * Autosave of the postmortem editor. Every edit goes to localStorage at once
 * (`vigil-incidents:postmortem-draft:<id>`) and to the server after
 * {@link AUTOSAVE_DELAY_MS} without edits, one request at a time, with the
 * version the edits were based on. The local draft is cleared once the
 * server has every edit.
 */
export function usePostmortemAutosave(options: {
  api: IncidentsApi;
  initial: PostmortemDetails;
  /** False when the user may not edit or the postmortem is published. */
  editable: boolean;
  debounceMs?: number;
  /** Every server state this hook got (saves, conflict resolutions). */
  onServerState?: (details: PostmortemDetails) => void;
}): PostmortemAutosave {
  const { api, initial, editable } = options;
  const debounceMs = options.debounceMs ?? AUTOSAVE_DELAY_MS;
  const postmortemId = initial.postmortem.id;

  const [init] = useState(() => initialState(initial, editable));
  const [fields, setFieldsState] = useState(init.fields);
  const [status, setStatus] = useState<SaveStatus>(
    init.restoredOnLoad ? 'unsaved' : 'saved',
  );
  const [failure, setFailure] = useState<unknown>();
  const error = failure === undefined ? undefined : errorMessage(failure);
  const [problems, setProblemsState] = useState<PostmortemProblem[]>(() =>
    validateChanges(changedFields(init.saved, init.fields)),
  );
  const [showProblems, setShowProblems] = useState(false);
  const [version, setVersionState] = useState(initial.postmortem.version);
  const [conflict, setConflict] = useState<PostmortemDetails>();
  const [staleDraft, setStaleDraft] = useState(init.staleDraft);

  // The save logic runs outside React's render cycle; it reads refs.
  const fieldsRef = useRef(init.fields);
  const savedRef = useRef(init.saved);
  const versionRef = useRef(initial.postmortem.version);
  const blockedRef = useRef(false);
  const inFlightRef = useRef<Promise<boolean>>();
  const timerRef = useRef<ReturnType<typeof setTimeout>>();
  const onServerStateRef = useRef(options.onServerState);
  onServerStateRef.current = options.onServerState;

  const setFields = useCallback((next: PostmortemFields) => {
    fieldsRef.current = next;
    setFieldsState(next);
  }, []);
  const setVersion = useCallback((next: number) => {
    versionRef.current = next;
    setVersionState(next);
  }, []);
  const clearTimer = useCallback(() => {
    if (timerRef.current !== undefined) {
      clearTimeout(timerRef.current);
      timerRef.current = undefined;
    }
  }, []);
  const isClean = useCallback(
    () => sameFields(fieldsRef.current, savedRef.current),
    [],
  );
  /** Re-validates what is unsaved; hides the markers once all is fixed. */
  const refreshProblems = useCallback(() => {
    const next = validateChanges(
      changedFields(savedRef.current, fieldsRef.current),
    );
    setProblemsState(next);
    if (next.length === 0) setShowProblems(false);
    return next;
  }, []);

  const save = useCallback(async (): Promise<boolean> => {
    clearTimer();
    if (blockedRef.current) return false;
    if (inFlightRef.current) {
      // One request at a time: wait for it, then send what is left.
      await inFlightRef.current;
      return save();
    }
    const sent = fieldsRef.current;
    const changes = changedFields(savedRef.current, sent);
    if (Object.keys(changes).length === 0) {
      clearDraft(postmortemId);
      setStatus('saved');
      setFailure(undefined);
      refreshProblems();
      return true;
    }
    // Invalid fields are held back (they stay in the local draft); every
    // other field is saved, so one bad action item never costs the rest.
    const { valid, heldBack, problems: found } = splitValidChanges(changes);
    setProblemsState(found);
    const sentKeys = Object.keys(valid) as Array<keyof typeof valid>;
    if (sentKeys.length === 0) {
      setShowProblems(true);
      setStatus('invalid');
      return false;
    }
    const request = { expectedVersion: versionRef.current, ...valid };
    setFailure(undefined);
    setStatus('saving');

    const attempt = (async () => {
      try {
        const result = await api.savePostmortem(postmortemId, request);
        // New action items get the server's ids only if the list was sent.
        const ids = valid.actionItems
          ? assignServerIds(
              sent.actionItems,
              result.postmortem.actionItems ?? [],
            )
          : new Map<string, string>();
        // What we sent is saved; the server's normalised copy is not taken
        // over, which would rewrite text under the user's cursor. Held-back
        // fields stay unsaved.
        savedRef.current = withItemIds(
          withSavedFields(savedRef.current, sent, sentKeys),
          ids,
        );
        const current = withItemIds(fieldsRef.current, ids);
        if (current !== fieldsRef.current) setFields(current);
        setVersion(result.postmortem.version);
        onServerStateRef.current?.(result);
        const remaining = refreshProblems();
        if (isClean()) {
          clearDraft(postmortemId);
          setStatus('saved');
          return true;
        }
        // Edits made while saving are now based on the new version.
        writeDraft(postmortemId, versionRef.current, current);
        const rest = splitValidChanges(
          changedFields(savedRef.current, current),
        );
        if (Object.keys(rest.valid).length > 0) {
          setStatus('unsaved');
          timerRef.current = setTimeout(() => {
            timerRef.current = undefined;
            void save();
          }, debounceMs);
        } else if (remaining.length > 0) {
          setShowProblems(true);
          setStatus('invalid');
        }
        return heldBack.length === 0;
      } catch (e) {
        if (isConflictError<PostmortemDetails>(e)) {
          blockedRef.current = true;
          setConflict(e.current);
          setStatus('conflict');
        } else {
          setFailure(e);
          setStatus('error');
        }
        return false;
      }
    })();
    inFlightRef.current = attempt;
    try {
      return await attempt;
    } finally {
      inFlightRef.current = undefined;
    }
  }, [
    api,
    postmortemId,
    debounceMs,
    clearTimer,
    isClean,
    refreshProblems,
    setFields,
    setVersion,
  ]);

  const schedule = useCallback(() => {
    clearTimer();
    timerRef.current = setTimeout(() => {
      timerRef.current = undefined;
      void save();
    }, debounceMs);
  }, [clearTimer, save, debounceMs]);

  const update = useCallback(
    (change: (current: PostmortemFields) => PostmortemFields) => {
      if (!editable) return;
      const next = change(fieldsRef.current);
      setFields(next);
      writeDraft(postmortemId, versionRef.current, next);
      refreshProblems();
      if (blockedRef.current) return;
      setStatus('unsaved');
      schedule();
    },
    [editable, postmortemId, schedule, setFields, refreshProblems],
  );

  const currentVersion = useCallback(() => versionRef.current, []);

  const revealProblems = useCallback(() => {
    if (refreshProblems().length > 0) setShowProblems(true);
  }, [refreshProblems]);

  const flush = useCallback(async (): Promise<boolean> => {
    // Edits typed while a save is in flight need another round.
    for (let round = 0; round < 3; round++) {
      if (!(await save())) return false;
      if (isClean()) return true;
    }
    return isClean();
  }, [save, isClean]);

  const restoreDraft = useCallback(() => {
    if (!staleDraft) return;
    setStaleDraft(undefined);
    setFields(staleDraft.fields);
    writeDraft(postmortemId, versionRef.current, staleDraft.fields);
    refreshProblems();
    setStatus('unsaved');
    void save();
  }, [staleDraft, postmortemId, save, setFields, refreshProblems]);

  const discardDraft = useCallback(() => {
    setStaleDraft(undefined);
    // Keep the draft if it already holds edits made since loading.
    if (isClean()) clearDraft(postmortemId);
  }, [isClean, postmortemId]);

  const loadTheirs = useCallback(() => {
    if (!conflict) return;
    const theirs = fieldsFromPostmortem(conflict.postmortem);
    clearTimer();
    savedRef.current = theirs;
    setFields(theirs);
    setVersion(conflict.postmortem.version);
    blockedRef.current = false;
    setConflict(undefined);
    clearDraft(postmortemId);
    refreshProblems();
    setStatus('saved');
    onServerStateRef.current?.(conflict);
  }, [
    conflict,
    clearTimer,
    setFields,
    setVersion,
    postmortemId,
    refreshProblems,
  ]);

  const overwriteWithMine = useCallback(() => {
    if (!conflict) return;
    // Diff against their version, so every field where mine differs is sent.
    savedRef.current = fieldsFromPostmortem(conflict.postmortem);
    setVersion(conflict.postmortem.version);
    blockedRef.current = false;
    setConflict(undefined);
    writeDraft(postmortemId, versionRef.current, fieldsRef.current);
    onServerStateRef.current?.(conflict);
    void save();
  }, [conflict, setVersion, postmortemId, save]);

  const applyServerState = useCallback(
    (details: PostmortemDetails, own = false): boolean => {
      if (details.postmortem.id !== postmortemId) return false;
      if (details.postmortem.version <= versionRef.current) return false;
      const theirs = fieldsFromPostmortem(details.postmortem);
      if (own) {
        // Our own change (e.g. the state): its version is the new base, and
        // local edits made meanwhile stay and are saved on top of it.
        savedRef.current = theirs;
        setVersion(details.postmortem.version);
        refreshProblems();
        if (!isClean()) {
          writeDraft(postmortemId, versionRef.current, fieldsRef.current);
          setStatus('unsaved');
          schedule();
        }
        return true;
      }
      if (inFlightRef.current || blockedRef.current || !isClean()) {
        return false;
      }
      savedRef.current = theirs;
      setFields(theirs);
      setVersion(details.postmortem.version);
      clearDraft(postmortemId);
      return true;
    },
    [postmortemId, isClean, setFields, setVersion, schedule, refreshProblems],
  );

  // A draft of the loaded version was never saved: save it now.
  useEffect(() => {
    if (init.restoredOnLoad && editable) void save();
    // Only on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Leaving the page (in the app) saves what the debounce still holds.
  useEffect(
    () => () => {
      if (timerRef.current !== undefined) {
        clearTimer();
        void save();
      }
    },
    [clearTimer, save],
  );

  // Closing the tab with unsaved edits asks first (they are in the draft).
  useEffect(() => {
    if (status === 'saved') return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Chrome and Edge need returnValue set to show the prompt.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [status]);

  return {
    fields,
    update,
    status,
    error,
    failure,
    problems,
    showProblems,
    revealProblems,
    version,
    currentVersion,
    restoredOnLoad: init.restoredOnLoad,
    conflict,
    staleDraft,
    restoreDraft,
    discardDraft,
    loadTheirs,
    overwriteWithMine,
    flush,
    applyServerState,
  };
}
