import {
  alertApiRef,
  createApiRef,
  errorApiRef,
  useApi,
  useApiHolder,
} from '@backstage/core-plugin-api';
import { useCallback, useEffect, useRef, useState } from 'react';

/** One banner: an alert (errors with the Error the app posted) or a toast. */
export interface Banner {
  key: number;
  message: string;
  description?: string;
  severity: 'success' | 'info' | 'warning' | 'error';
  transient: boolean;
  /** The error behind an error alert, when the app posted one (errorApi). */
  error?: Error;
}

/** What plugin-app's toast forwarder emits (toastApi posts). */
interface ForwardedToast {
  title: string;
  description?: string;
  status?: 'success' | 'info' | 'warning' | 'danger' | 'neutral';
  timeout?: number;
  onClose(callback: () => void): void;
}

// The app's toast forwarder: plugin-app renders toasts in the alert display
// this plugin replaces, so toasts are shown here too. Internal to
// plugin-app (not exported), hence looked up by id and optional.
const toastForwarderRef = createApiRef<{
  toast$(): {
    subscribe(fn: (toast: ForwardedToast) => void): { unsubscribe(): void };
  };
}>({ id: 'app.toast.internal-forwarder' });

const MAX_BANNERS = 4;

function toastSeverity(status: ForwardedToast['status']): Banner['severity'] {
  if (status === 'danger') return 'error';
  if (status === 'neutral' || !status) return 'info';
  return status;
}

/**
 * The alerts and toasts to show. The app's errorApi posts an error alert
 * with the message only and then emits the error itself: the error (its
 * request id, status) is attached to the alert of the same message.
 */
export function useBanners() {
  const alertApi = useApi(alertApiRef);
  const errorApi = useApi(errorApiRef);
  const toastForwarder = useApiHolder().get(toastForwarderRef);
  const [banners, setBanners] = useState<Banner[]>([]);
  const nextKey = useRef(0);

  const add = useCallback((banner: Omit<Banner, 'key'>) => {
    const key = nextKey.current++;
    setBanners(current => [...current, { ...banner, key }].slice(-MAX_BANNERS));
    return key;
  }, []);
  const dismiss = useCallback((key: number) => {
    setBanners(current => current.filter(b => b.key !== key));
  }, []);

  useEffect(() => {
    const alerts = alertApi.alert$().subscribe(alert =>
      add({
        message: alert.message,
        severity: alert.severity ?? 'success',
        transient: alert.display === 'transient',
      }),
    );
    const errors = errorApi.error$().subscribe(({ error, context }) => {
      if (context?.hidden) return;
      setBanners(current => {
        let index = current.length - 1;
        while (
          index >= 0 &&
          !(
            current[index].severity === 'error' &&
            !current[index].error &&
            current[index].message === error.message
          )
        ) {
          index--;
        }
        if (index < 0) return current;
        const updated = [...current];
        updated[index] = { ...updated[index], error: error as Error };
        return updated;
      });
    });
    const toasts = toastForwarder?.toast$().subscribe(toast => {
      const key = add({
        message: toast.title,
        description: toast.description,
        severity: toastSeverity(toast.status),
        transient: Boolean(toast.timeout),
      });
      toast.onClose(() => dismiss(key));
    });
    return () => {
      alerts.unsubscribe();
      errors.unsubscribe();
      toasts?.unsubscribe();
    };
  }, [alertApi, errorApi, toastForwarder, add, dismiss]);

  return { banners, dismiss };
}
