/** The gateway's WebSocket URL, derived from the `navi` base URL the app passes to `init`. */
import { GATEWAY_PATH } from '../../protocol/constants.js';

/** Derives the gateway URL: `navi` (or the page origin) with http→ws, https→wss and path `/ws`. */
export function gatewayUrl(navi?: string): string | undefined {
  const base = navi ?? (globalThis as { location?: { origin?: string } }).location?.origin;
  if (!base) return undefined;
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return undefined;
  }
  const schemes: Record<string, string> = { 'http:': 'ws:', 'https:': 'wss:', 'ws:': 'ws:', 'wss:': 'wss:' };
  const scheme = schemes[url.protocol];
  if (!scheme) return undefined;
  // A path prefix in navi (a reverse proxy mount) is kept: http://h/im → ws://h/im/ws.
  return `${scheme}//${url.host}${url.pathname.replace(/\/+$/, '')}${GATEWAY_PATH}`;
}
