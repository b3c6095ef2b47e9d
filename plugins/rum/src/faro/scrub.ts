import type { TransportItem } from '@grafana/faro-web-sdk';

/** A URL without its query and fragment (they can carry what users typed). */
export function withoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url.replace(/[?#].*$/, '');
  }
}

/**
 * Faro's `beforeSend`: page URLs and route-change URLs lose their query and
 * fragment (search terms, filters), and nothing about the user but the
 * hash leaves the browser.
 */
export function scrubItem(item: TransportItem): TransportItem {
  const meta = { ...item.meta };
  if (meta.page?.url)
    meta.page = { ...meta.page, url: withoutQuery(meta.page.url) };
  if (meta.user)
    meta.user = meta.user.hash ? { hash: meta.user.hash } : undefined;
  const payload = item.payload as { attributes?: Record<string, string> };
  if (payload && typeof payload === 'object' && payload.attributes) {
    const attributes = { ...payload.attributes };
    for (const key of ['toUrl', 'fromUrl']) {
      if (attributes[key]) attributes[key] = withoutQuery(attributes[key]);
    }
    return { ...item, meta, payload: { ...payload, attributes } as never };
  }
  return { ...item, meta };
}
