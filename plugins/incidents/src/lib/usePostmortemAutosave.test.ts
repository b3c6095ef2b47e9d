import { act, renderHook } from '@testing-library/react';
import { IncidentsConflictError } from '../api/errors';
import type { PostmortemDetails } from '../api/types';
import {
  fakeIncidentsApi,
  FakeIncidentsApi,
  makePostmortemDetails,
} from '../__testUtils__/fixtures';
import { draftKey, writeDraft } from './postmortemDraft';
import { fieldsFromPostmortem } from './postmortemFields';
import { usePostmortemAutosave } from './usePostmortemAutosave';

const KEY = draftKey('pm-1');

function storedDraft() {
  const raw = window.localStorage.getItem(KEY);
  return raw ? JSON.parse(raw) : undefined;
}

/** A save that answers with the content sent and the next version. */
function echoSave(api: FakeIncidentsApi, initial = makePostmortemDetails()) {
  let version = initial.postmortem.version;
  let actionItemIds = 0;
  api.savePostmortem.mockImplementation(async (_id, request) => {
    version += 1;
    const { expectedVersion: _v, ...changes } = request;
    return makePostmortemDetails({
      ...(changes as object),
      lessonsLearned: {
        ...initial.postmortem.lessonsLearned,
        ...(request.lessonsLearned ?? {}),
      },
      actionItems: (request.actionItems ?? []).map(item => ({
        ...item,
        id: item.id ?? `ai-${++actionItemIds}`,
      })),
      version,
    });
  });
}

function setup(
  initial: PostmortemDetails = makePostmortemDetails(),
  api: FakeIncidentsApi = fakeIncidentsApi(),
) {
  const onServerState = jest.fn();
  const hook = renderHook(() =>
    usePostmortemAutosave({ api, initial, editable: true, onServerState }),
  );
  return { api, hook, onServerState, result: hook.result };
}

/** Runs timers and lets the resulting promises settle. */
async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

describe('usePostmortemAutosave', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    window.localStorage.clear();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('stores every edit locally at once and saves after a second without edits', async () => {
    const api = fakeIncidentsApi();
    echoSave(api);
    const { result } = setup(undefined, api);
    expect(result.current.status).toBe('saved');

    act(() => result.current.update(f => ({ ...f, impact: 'All checkouts' })));
    expect(storedDraft()).toEqual({
      baseVersion: 4,
      fields: expect.objectContaining({ impact: 'All checkouts' }),
      editedAt: expect.any(String),
    });
    expect(result.current.status).toBe('unsaved');

    await advance(600);
    act(() =>
      result.current.update(f => ({ ...f, impact: 'All checkouts failed' })),
    );
    await advance(999);
    expect(api.savePostmortem).not.toHaveBeenCalled();

    await advance(1);
    expect(api.savePostmortem).toHaveBeenCalledTimes(1);
    expect(api.savePostmortem).toHaveBeenCalledWith('pm-1', {
      expectedVersion: 4,
      impact: 'All checkouts failed',
    });
    expect(result.current.status).toBe('saved');
    expect(result.current.version).toBe(5);
    expect(storedDraft()).toBeUndefined();
  });

  it('keeps one request in flight and sends later edits on the new version', async () => {
    const api = fakeIncidentsApi();
    let finish: (details: PostmortemDetails) => void = () => {};
    api.savePostmortem.mockImplementationOnce(
      () => new Promise(resolve => (finish = resolve)),
    );
    const { result } = setup(undefined, api);

    act(() => result.current.update(f => ({ ...f, trigger: 'Deploy' })));
    await advance(1000);
    expect(result.current.status).toBe('saving');

    act(() => result.current.update(f => ({ ...f, trigger: 'Deploy v2.3' })));
    await advance(5000);
    // Still the first request only.
    expect(api.savePostmortem).toHaveBeenCalledTimes(1);
    // The edit made meanwhile is in the draft, on the version being saved.
    expect(storedDraft().fields.trigger).toBe('Deploy v2.3');

    api.savePostmortem.mockResolvedValueOnce(
      makePostmortemDetails({ trigger: 'Deploy v2.3', version: 6 }),
    );
    await act(async () => {
      finish(makePostmortemDetails({ trigger: 'Deploy', version: 5 }));
    });
    // The debounce of the later edit ran out meanwhile: it goes right after.
    expect(api.savePostmortem).toHaveBeenCalledTimes(2);
    expect(api.savePostmortem).toHaveBeenLastCalledWith('pm-1', {
      expectedVersion: 5,
      trigger: 'Deploy v2.3',
    });
    expect(result.current.status).toBe('saved');
    expect(result.current.version).toBe(6);
    expect(storedDraft()).toBeUndefined();
  });

  it('waits for the debounce of edits made while saving', async () => {
    const api = fakeIncidentsApi();
    let finish: (details: PostmortemDetails) => void = () => {};
    api.savePostmortem.mockImplementationOnce(
      () => new Promise(resolve => (finish = resolve)),
    );
    const { result } = setup(undefined, api);
    act(() => result.current.update(f => ({ ...f, trigger: 'Deploy' })));
    await advance(1000);
    act(() => result.current.update(f => ({ ...f, trigger: 'Deploy v2.3' })));
    await act(async () => {
      finish(makePostmortemDetails({ trigger: 'Deploy', version: 5 }));
    });
    expect(result.current.status).toBe('unsaved');
    expect(storedDraft().baseVersion).toBe(5);

    api.savePostmortem.mockResolvedValueOnce(
      makePostmortemDetails({ trigger: 'Deploy v2.3', version: 6 }),
    );
    await advance(1000);
    expect(api.savePostmortem).toHaveBeenCalledTimes(2);
    expect(api.savePostmortem).toHaveBeenLastCalledWith('pm-1', {
      expectedVersion: 5,
      trigger: 'Deploy v2.3',
    });
    expect(result.current.status).toBe('saved');
  });

  it('restores and saves a local draft of the version loaded', async () => {
    const initial = makePostmortemDetails();
    writeDraft(
      'pm-1',
      4,
      {
        ...fieldsFromPostmortem(initial.postmortem),
        rootCauses: 'A bad config',
      },
      '2024-05-01T13:00:00.000Z',
    );
    const api = fakeIncidentsApi();
    echoSave(api, initial);
    const { result } = setup(initial, api);

    expect(result.current.fields.rootCauses).toBe('A bad config');
    expect(result.current.restoredOnLoad).toBe(true);
    await advance(0);
    expect(api.savePostmortem).toHaveBeenCalledWith('pm-1', {
      expectedVersion: 4,
      rootCauses: 'A bad config',
    });
    expect(result.current.status).toBe('saved');
    expect(storedDraft()).toBeUndefined();
  });

  it('offers a draft of an older version instead of applying it', async () => {
    const initial = makePostmortemDetails();
    writeDraft('pm-1', 2, {
      ...fieldsFromPostmortem(initial.postmortem),
      resolution: 'Rolled back',
    });
    const api = fakeIncidentsApi();
    echoSave(api, initial);
    const { result } = setup(initial, api);

    expect(result.current.fields.resolution).toBe('');
    expect(result.current.staleDraft).toMatchObject({
      baseVersion: 2,
      fields: expect.objectContaining({ resolution: 'Rolled back' }),
    });
    await advance(2000);
    expect(api.savePostmortem).not.toHaveBeenCalled();

    act(() => result.current.restoreDraft());
    expect(result.current.fields.resolution).toBe('Rolled back');
    expect(result.current.staleDraft).toBeUndefined();
    await advance(0);
    expect(api.savePostmortem).toHaveBeenCalledWith('pm-1', {
      expectedVersion: 4,
      resolution: 'Rolled back',
    });
  });

  it('discards a draft of an older version on request', () => {
    const initial = makePostmortemDetails();
    writeDraft('pm-1', 2, {
      ...fieldsFromPostmortem(initial.postmortem),
      resolution: 'Rolled back',
    });
    const { result } = setup(initial);
    act(() => result.current.discardDraft());
    expect(result.current.staleDraft).toBeUndefined();
    expect(storedDraft()).toBeUndefined();
    expect(result.current.fields.resolution).toBe('');
  });

  it('ignores a draft equal to the server content', () => {
    const initial = makePostmortemDetails();
    writeDraft('pm-1', 1, fieldsFromPostmortem(initial.postmortem));
    const { result } = setup(initial);
    expect(result.current.staleDraft).toBeUndefined();
    expect(result.current.restoredOnLoad).toBe(false);
    expect(storedDraft()).toBeUndefined();
  });

  it('stops on a conflict until the user picks a version', async () => {
    const theirs = makePostmortemDetails({
      summary: 'Their summary',
      version: 7,
    });
    const api = fakeIncidentsApi();
    api.savePostmortem.mockRejectedValueOnce(
      new IncidentsConflictError('version conflict', theirs),
    );
    const { result, onServerState } = setup(undefined, api);

    act(() => result.current.update(f => ({ ...f, summary: 'My summary' })));
    await advance(1000);
    expect(result.current.status).toBe('conflict');
    expect(result.current.conflict).toBe(theirs);

    // More edits wait for the decision (but are kept locally).
    act(() => result.current.update(f => ({ ...f, detection: 'Pager' })));
    await advance(3000);
    expect(api.savePostmortem).toHaveBeenCalledTimes(1);
    expect(storedDraft().fields.detection).toBe('Pager');

    api.savePostmortem.mockResolvedValueOnce(
      makePostmortemDetails({ version: 8 }),
    );
    act(() => result.current.overwriteWithMine());
    await advance(0);
    expect(api.savePostmortem).toHaveBeenLastCalledWith('pm-1', {
      expectedVersion: 7,
      summary: 'My summary',
      detection: 'Pager',
    });
    expect(result.current.status).toBe('saved');
    expect(result.current.version).toBe(8);
    expect(onServerState).toHaveBeenCalledWith(theirs);
  });

  it('loads their version on a conflict when asked', async () => {
    const theirs = makePostmortemDetails({
      summary: 'Their summary',
      version: 7,
    });
    const api = fakeIncidentsApi();
    api.savePostmortem.mockRejectedValueOnce(
      new IncidentsConflictError('version conflict', theirs),
    );
    const { result } = setup(undefined, api);
    act(() => result.current.update(f => ({ ...f, summary: 'My summary' })));
    await advance(1000);

    act(() => result.current.loadTheirs());
    expect(result.current.fields.summary).toBe('Their summary');
    expect(result.current.version).toBe(7);
    expect(result.current.status).toBe('saved');
    expect(result.current.conflict).toBeUndefined();
    expect(storedDraft()).toBeUndefined();
    await advance(2000);
    expect(api.savePostmortem).toHaveBeenCalledTimes(1);
  });

  it('gives new action items the ids the server assigned', async () => {
    const api = fakeIncidentsApi();
    echoSave(api);
    const { result } = setup(undefined, api);
    act(() =>
      result.current.update(f => ({
        ...f,
        actionItems: [
          {
            key: 'new-1',
            title: 'Add a canary',
            owner: 'group:default/payments',
            priority: 'P1',
            status: 'open',
          },
        ],
      })),
    );
    await advance(1000);
    expect(api.savePostmortem.mock.calls[0][1].actionItems).toEqual([
      {
        title: 'Add a canary',
        owner: 'group:default/payments',
        priority: 'P1',
        status: 'open',
      },
    ]);
    expect(result.current.fields.actionItems[0]).toMatchObject({
      key: 'new-1',
      id: 'ai-1',
    });

    act(() =>
      result.current.update(f => ({
        ...f,
        actionItems: [{ ...f.actionItems[0], status: 'in_progress' }],
      })),
    );
    await advance(1000);
    expect(api.savePostmortem.mock.calls[1][1]).toEqual({
      expectedVersion: 5,
      actionItems: [
        {
          id: 'ai-1',
          title: 'Add a canary',
          owner: 'group:default/payments',
          priority: 'P1',
          status: 'in_progress',
        },
      ],
    });
  });

  it('sends no fields that do not validate', async () => {
    const api = fakeIncidentsApi();
    const { result } = setup(undefined, api);
    act(() =>
      result.current.update(f => ({
        ...f,
        actionItems: [
          {
            key: 'new-1',
            title: '',
            owner: 'bob',
            priority: 'P2',
            status: 'open',
          },
        ],
      })),
    );
    await advance(1000);
    expect(api.savePostmortem).not.toHaveBeenCalled();
    expect(result.current.status).toBe('invalid');
    expect(result.current.showProblems).toBe(true);
    expect(result.current.problems.map(p => p.text)).toEqual([
      'Action item 1: title is required',
      expect.stringMatching(/^Action item 1: owner must be a full entity ref/),
    ]);
    expect(result.current.problems[0]).toMatchObject({
      field: 'actionItems',
      path: ['actionItems', 0, 'title'],
      fieldMessage: 'Title is required',
    });
    expect(storedDraft().fields.actionItems[0].owner).toBe('bob');
  });

  it('saves every valid field while an invalid one is held back', async () => {
    const api = fakeIncidentsApi();
    echoSave(api);
    const { result } = setup(undefined, api);
    const emptyItem = {
      key: 'new-1',
      title: '',
      owner: 'group:default/payments',
      priority: 'P2' as const,
      status: 'open' as const,
    };
    act(() =>
      result.current.update(f => ({
        ...f,
        summary: 'Checkout failed for 20 minutes.',
        resolution: 'Rolled back v2.3.',
        detection: 'The burn-rate alert paged after 4 minutes.',
        actionItems: [emptyItem],
      })),
    );
    await advance(1000);
    expect(api.savePostmortem).toHaveBeenCalledTimes(1);
    expect(api.savePostmortem.mock.calls[0]).toEqual([
      'pm-1',
      {
        expectedVersion: 4,
        summary: 'Checkout failed for 20 minutes.',
        resolution: 'Rolled back v2.3.',
        detection: 'The burn-rate alert paged after 4 minutes.',
      },
    ]);
    // Not all saved: the action item waits, kept in the draft, on version 5.
    expect(result.current.status).toBe('invalid');
    expect(result.current.version).toBe(5);
    expect(result.current.problems.map(p => p.text)).toEqual([
      'Action item 1: title is required',
    ]);
    expect(storedDraft()).toMatchObject({
      baseVersion: 5,
      fields: { actionItems: [expect.objectContaining({ title: '' })] },
    });
    await act(async () => {
      await expect(result.current.flush()).resolves.toBe(false);
    });
    expect(api.savePostmortem).toHaveBeenCalledTimes(1);

    // A later text edit is saved too, still without the action item.
    act(() =>
      result.current.update(f => ({ ...f, impact: 'All card payments' })),
    );
    await advance(1000);
    expect(api.savePostmortem.mock.calls[1][1]).toEqual({
      expectedVersion: 5,
      impact: 'All card payments',
    });

    // Fixed, the action item follows.
    act(() =>
      result.current.update(f => ({
        ...f,
        actionItems: [{ ...emptyItem, title: 'Add a canary stage' }],
      })),
    );
    expect(result.current.problems).toEqual([]);
    expect(result.current.showProblems).toBe(false);
    await advance(1000);
    expect(api.savePostmortem.mock.calls[2][1]).toEqual({
      expectedVersion: 6,
      actionItems: [
        {
          title: 'Add a canary stage',
          owner: 'group:default/payments',
          priority: 'P2',
          status: 'open',
        },
      ],
    });
    expect(result.current.status).toBe('saved');
    expect(storedDraft()).toBeUndefined();
  });

  it('keeps the edits locally when saving fails', async () => {
    const api = fakeIncidentsApi();
    api.savePostmortem.mockRejectedValueOnce(new Error('Network down'));
    const { result } = setup(undefined, api);
    act(() => result.current.update(f => ({ ...f, impact: 'Everyone' })));
    await advance(1000);
    expect(result.current.status).toBe('error');
    expect(result.current.error).toBe('Network down');
    expect(storedDraft().fields.impact).toBe('Everyone');

    echoSave(api);
    await act(async () => {
      await expect(result.current.flush()).resolves.toBe(true);
    });
    expect(result.current.status).toBe('saved');
    expect(storedDraft()).toBeUndefined();
  });

  it('asks before the tab closes with unsaved edits', async () => {
    const api = fakeIncidentsApi();
    echoSave(api);
    const { result } = setup(undefined, api);
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(unload()).toBe(false);
    act(() => result.current.update(f => ({ ...f, impact: 'Everyone' })));
    expect(unload()).toBe(true);
    await advance(1000);
    expect(unload()).toBe(false);
  });

  it('takes another session’s save only when there is nothing unsaved', async () => {
    const { result } = setup();
    const newer = makePostmortemDetails({ impact: 'Theirs', version: 9 });
    let taken = false;
    act(() => {
      taken = result.current.applyServerState(newer);
    });
    expect(taken).toBe(true);
    expect(result.current.fields.impact).toBe('Theirs');

    act(() => result.current.update(f => ({ ...f, impact: 'Mine' })));
    act(() => {
      taken = result.current.applyServerState(
        makePostmortemDetails({ impact: 'Theirs again', version: 10 }),
      );
    });
    expect(taken).toBe(false);
    expect(result.current.fields.impact).toBe('Mine');
  });
});
