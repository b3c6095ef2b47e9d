import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { mockApis } from '@backstage/frontend-test-utils';
import {
  defaultEntityPresentation,
  entityPresentationApiRef,
  type EntityPresentationApi,
} from '@backstage/plugin-catalog-react';
import { signalApiRef, type SignalApi } from '@backstage/plugin-signals-react';
import { act } from '@testing-library/react';
import { onCallApiRef } from '../api';
import { ONCALL_SIGNAL_CHANNEL } from '../lib/useOnCallSignal';
import { fakeCatalog, type FakeOnCallApi } from './fixtures';

const TITLES: Record<string, string> = {
  'user:default/alice': 'Alice Adams',
  'user:default/bob': 'Bob Brown',
  'group:default/payments': 'Payments',
};

/** Names entities as the catalog would (display names), synchronously. */
function fakeEntityPresentation(): EntityPresentationApi {
  return {
    forEntity(entityOrRef: Entity | string, context) {
      const fallback = defaultEntityPresentation(entityOrRef, context);
      const ref =
        typeof entityOrRef === 'string'
          ? entityOrRef
          : stringifyEntityRef(entityOrRef);
      const snapshot = TITLES[ref]
        ? { ...fallback, primaryTitle: TITLES[ref] }
        : fallback;
      return { snapshot, promise: Promise.resolve(snapshot) };
    },
  };
}

/** A signal API whose `send` delivers a message on the on-call channel. */
type Message = Parameters<Parameters<SignalApi['subscribe']>[1]>[0];

export function fakeSignals() {
  const handlers: Array<(message: Message) => void> = [];
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      expect(channel).toBe(ONCALL_SIGNAL_CHANNEL);
      const handler = onMessage as (message: Message) => void;
      handlers.push(handler);
      return {
        unsubscribe: () => {
          handlers.splice(handlers.indexOf(handler), 1);
        },
      };
    },
  };
  const send = (message: Message) =>
    act(() => handlers.forEach(handler => handler(message)));
  return { api, send };
}

/** The APIs every component test needs: the fake on-call API, catalog, identity. */
export function testApis(
  api: FakeOnCallApi,
  options: {
    userRef?: string;
    ownership?: string[];
    signals?: SignalApi;
  } = {},
) {
  const userRef = options.userRef ?? 'user:default/alice';
  return [
    [onCallApiRef, api],
    [entityPresentationApiRef, fakeEntityPresentation()],
    [signalApiRef, options.signals ?? fakeSignals().api],
    fakeCatalog(),
    mockApis.identity({
      userEntityRef: userRef,
      ownershipEntityRefs: options.ownership ?? [
        userRef,
        'group:default/payments',
      ],
    }),
  ] as const;
}
