import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  defaultEntityPresentation,
  EntityPresentationApi,
} from '@backstage/plugin-catalog-react';
import type { SignalApi } from '@backstage/plugin-signals-react';
import { act } from '@testing-library/react';
import { SLO_SIGNAL_CHANNEL } from '@vigil/backstage-plugin-slo-common';

type JsonObject = { [key: string]: any };

/** A signals API whose messages the test sends on the SLO channel. */
export function fakeSignals() {
  const handlers: Array<(message: JsonObject) => void> = [];
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      expect(channel).toBe(SLO_SIGNAL_CHANNEL);
      const handler = onMessage as (message: JsonObject) => void;
      handlers.push(handler);
      return {
        unsubscribe: () => {
          handlers.splice(handlers.indexOf(handler), 1);
        },
      };
    },
  };
  const send = (message: JsonObject) =>
    act(() => handlers.forEach(handler => handler(message)));
  /** The backend's message after an evaluation cycle. */
  const evaluated = (entityRefs: string[]) =>
    send({
      type: 'evaluated',
      entityRefs,
      evaluatedAt: new Date().toISOString(),
    });
  return { api, send, evaluated };
}

/**
 * An entity presentation API naming entities by these titles (as the
 * catalog's names them by `metadata.title`), others as Backstage's default.
 */
export function fakeEntityPresentation(
  titles: Record<string, string>,
): EntityPresentationApi {
  return {
    forEntity(entityOrRef: Entity | string, context) {
      const fallback = defaultEntityPresentation(entityOrRef, context);
      const entityRef =
        typeof entityOrRef === 'string'
          ? entityOrRef
          : stringifyEntityRef(entityOrRef);
      const snapshot = titles[entityRef]
        ? { ...fallback, primaryTitle: titles[entityRef] }
        : fallback;
      return { snapshot, promise: Promise.resolve(snapshot) };
    },
  };
}
