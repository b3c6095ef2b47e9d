import { act } from '@testing-library/react';
import { fakeIncidentsApi } from '../__testUtils__/fixtures';
import {
  advance,
  echoSave,
  renderAutosave,
  setUpAutosaveTests,
} from './__testUtils__/autosave';
import { storedDraft } from './__testUtils__/storedDraft';

describe('usePostmortemAutosave', () => {
  setUpAutosaveTests();

  it('sends no fields that do not validate', async () => {
    const api = fakeIncidentsApi();
    const { result } = renderAutosave(undefined, api);
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
    const { result } = renderAutosave(undefined, api);
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
});
