import { act, renderHook } from '@testing-library/react';
import type { PostmortemDetails } from '../../api/types';
import {
  fakeIncidentsApi,
  FakeIncidentsApi,
  makePostmortemDetails,
} from '../../__testUtils__/fixtures';
import { usePostmortemAutosave } from '../usePostmortemAutosave';

/** A save that answers with the content sent and the next version. */
export function echoSave(
  api: FakeIncidentsApi,
  initial = makePostmortemDetails(),
) {
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

/** Renders the hook, editable, on `initial` as loaded. */
export function renderAutosave(
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
export async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

/** Call inside a describe: fake timers and no local drafts in each test. */
export function setUpAutosaveTests() {
  beforeEach(() => {
    jest.useFakeTimers();
    window.localStorage.clear();
  });
  afterEach(() => {
    jest.useRealTimers();
  });
}
