import { useEffect } from 'react';
import {
  configApiRef,
  discoveryApiRef,
  identityApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { readRumConfig } from './readRumConfig';
import { hashUserRef } from './hashUserRef';
import { startRum } from './startRum';

/** One Faro per page, whatever remounts (React's strict mode) happen. */
let started: Promise<void> | undefined;

/**
 * Renders nothing; starts Faro once the app is up (an app root element),
 * with the collector from config (default: the RUM backend's `/collect`)
 * and the user's ref hashed. Off unless `rum.enabled` is true.
 */
export function RumInitializer() {
  const config = useApi(configApiRef);
  const discovery = useApi(discoveryApiRef);
  const identity = useApi(identityApiRef);

  useEffect(() => {
    const settings = readRumConfig(config);
    if (!settings.enabled || started) return;
    started = (async () => {
      const collectorUrl =
        settings.collectorUrl ?? `${await discovery.getBaseUrl('rum')}/collect`;
      const { faro } = startRum({
        collectorUrl,
        apiKey: settings.apiKey,
        app: settings.app,
        sampleRate: settings.sampleRate,
      });
      try {
        const { userEntityRef } = await identity.getBackstageIdentity();
        faro.api.setUser({ hash: await hashUserRef(userEntityRef) });
      } catch {
        // Not signed in (yet): sessions stay anonymous.
      }
    })().catch(() => {
      // Monitoring never breaks the app.
    });
  }, [config, discovery, identity]);

  return null;
}
