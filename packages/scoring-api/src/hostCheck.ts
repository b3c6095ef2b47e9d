/**
 * Host header check against DNS rebinding: a web page on evil.example whose
 * name is made to resolve to 127.0.0.1 reaches this service from the victim's
 * browser, but its requests still carry `Host: evil.example`. Only the names
 * this service is really addressed by are accepted.
 */

/** Host names accepted when SCORING_ALLOWED_HOSTS is not set. */
export const DEFAULT_ALLOWED_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

export interface ParsedHost {
  /** Lower case; IPv6 literals keep their brackets. */
  name: string;
  port?: number;
}

/** Splits a Host header into name and port; undefined when malformed. */
export function parseHost(header: string | undefined): ParsedHost | undefined {
  const value = header?.trim() ?? '';
  if (!value || value.length > 260) return undefined;
  // "[::1]:8080" keeps its brackets; "name:8080" splits at the only colon.
  const end = value.startsWith('[') ? value.indexOf(']') + 1 : -1;
  const colon = value.indexOf(':', Math.max(end, 0));
  const name = (colon === -1 ? value : value.slice(0, colon)).toLowerCase();
  const portText = colon === -1 ? undefined : value.slice(colon + 1);
  const nameOk =
    end > 0
      ? end === name.length && /^\[[0-9a-f:.]+\]$/.test(name)
      : /^[a-z0-9.-]+$/.test(name);
  if (!nameOk) return undefined;
  if (portText === undefined) return { name, port: undefined };
  if (!/^\d{1,5}$/.test(portText)) return undefined;
  const port = Number(portText);
  return port >= 1 && port <= 65535 ? { name, port } : undefined;
}

/**
 * Whether a request's Host header names this service. An allowed entry is a
 * bare name (`localhost`: any port that is the one the request arrived on, or
 * no port) or `name:port` (exactly that, e.g. a proxy's public name and port).
 */
export function hostAllowed(
  header: string | undefined,
  allowed: readonly string[],
  localPort: number | undefined,
): boolean {
  const host = parseHost(header);
  if (!host) return false;
  return allowed.some(entry => {
    const rule = parseHost(entry);
    if (!rule || rule.name !== host.name) return false;
    if (rule.port !== undefined) return rule.port === host.port;
    return host.port === undefined || host.port === localPort;
  });
}

/**
 * Whether a browser says the request comes from another site (Sec-Fetch-Site
 * or Origin); tools such as curl send neither and are not affected.
 */
export function crossSiteBrowserRequest(
  secFetchSite: string | undefined,
  origin: string | undefined,
  allowed: readonly string[],
  localPort: number | undefined,
): boolean {
  if (secFetchSite && !['none', 'same-origin'].includes(secFetchSite)) {
    return true;
  }
  if (origin === undefined) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    // "null" (sandboxed frames, file:) and anything unparsable.
    return true;
  }
  return !hostAllowed(url.host, allowed, localPort);
}
