import { act } from '@testing-library/react';
import { IncidentsConflictError } from '../api/errors';
import {
  fakeIncidentsApi,
  makePostmortemDetails,
} from '../__testUtils__/fixtures';
import {
  advance,
  renderAutosave,
  setUpAutosaveTests,
} from './__testUtils__/autosave';
import { storedDraft } from './__testUtils__/storedDraft';

describe('usePostmortemAutosave', () => {
  setUpAutosaveTests();

  it('stops on a conflict until the user picks a version', async () => {
    const theirs = makePostmortemDetails({
      summary: 'Their summary',
      version: 7,
    });
    const api = fakeIncidentsApi();
    api.savePostmortem.mockRejectedValueOnce(
      new IncidentsConflictError('version conflict', theirs),
    );
    const { result, onServerState } = renderAutosave(undefined, api);

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
    const { result } = renderAutosave(undefined, api);
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
});
