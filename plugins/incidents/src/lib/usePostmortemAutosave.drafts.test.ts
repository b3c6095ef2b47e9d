import { act } from '@testing-library/react';
import {
  fakeIncidentsApi,
  makePostmortemDetails,
} from '../__testUtils__/fixtures';
import { writeDraft } from './postmortemDraft';
import { fieldsFromPostmortem } from './postmortemFields';
import {
  advance,
  echoSave,
  renderAutosave,
  setUpAutosaveTests,
} from './__testUtils__/autosave';
import { storedDraft } from './__testUtils__/storedDraft';

describe('usePostmortemAutosave', () => {
  setUpAutosaveTests();

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
    const { result } = renderAutosave(initial, api);

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
    const { result } = renderAutosave(initial, api);

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
    const { result } = renderAutosave(initial);
    act(() => result.current.discardDraft());
    expect(result.current.staleDraft).toBeUndefined();
    expect(storedDraft()).toBeUndefined();
    expect(result.current.fields.resolution).toBe('');
  });

  it('ignores a draft equal to the server content', () => {
    const initial = makePostmortemDetails();
    writeDraft('pm-1', 1, fieldsFromPostmortem(initial.postmortem));
    const { result } = renderAutosave(initial);
    expect(result.current.staleDraft).toBeUndefined();
    expect(result.current.restoredOnLoad).toBe(false);
    expect(storedDraft()).toBeUndefined();
  });
});
