import { act } from '@testing-library/react';
import type { PostmortemDetails } from '../api/types';
import {
  fakeIncidentsApi,
  makePostmortemDetails,
} from '../__testUtils__/fixtures';
import {
  advance,
  echoSave,
  renderAutosave,
  setUpAutosaveTests,
} from './__testUtils__/autosave';
import { storedDraft } from './__testUtils__/storedDraft';

describe('usePostmortemAutosave', () => {
  setUpAutosaveTests();

  it('stores every edit locally at once and saves after a second without edits', async () => {
    const api = fakeIncidentsApi();
    echoSave(api);
    const { result } = renderAutosave(undefined, api);
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
    const { result } = renderAutosave(undefined, api);

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
    const { result } = renderAutosave(undefined, api);
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

  it('gives new action items the ids the server assigned', async () => {
    const api = fakeIncidentsApi();
    echoSave(api);
    const { result } = renderAutosave(undefined, api);
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

  it('keeps the edits locally when saving fails', async () => {
    const api = fakeIncidentsApi();
    api.savePostmortem.mockRejectedValueOnce(new Error('Network down'));
    const { result } = renderAutosave(undefined, api);
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
    const { result } = renderAutosave(undefined, api);
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
    const { result } = renderAutosave();
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
