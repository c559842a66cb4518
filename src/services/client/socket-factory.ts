/**
 * Where the WebSocket comes from: the platform's own in browsers (and Node ≥ 22), the `ws` package
 * in Node 20. The `ws` import is dynamic with a computed specifier, so bundlers leave it alone and
 * browser builds never contain or load it (the build also marks `ws` external, to be sure).
 */

/** The part of the WebSocket API the client uses; both the DOM WebSocket and `ws` provide it. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** A constructor for sockets, `new (url) => socket`. */
export type SocketConstructor = new (url: string) => SocketLike;

/** `WebSocket.OPEN`; the same in every implementation. */
export const SOCKET_OPEN = 1;

let nodeSocket: Promise<SocketConstructor> | undefined;

/** Resolves the WebSocket constructor for this platform. */
export function getSocketConstructor(): Promise<SocketConstructor> {
  const native = (globalThis as { WebSocket?: unknown }).WebSocket;
  if (typeof native === 'function') return Promise.resolve(native as SocketConstructor);
  // Computed so that Vite/Rolldown do not try to resolve or bundle `ws` for the browser.
  const specifier = 'ws';
  nodeSocket ??= import(/* @vite-ignore */ specifier).then(
    (mod: { default?: unknown; WebSocket?: unknown }) => (mod.default ?? mod.WebSocket) as SocketConstructor,
  );
  return nodeSocket;
}

/** Opens a socket to `url`. */
export async function createSocket(url: string): Promise<SocketLike> {
  const Socket = await getSocketConstructor();
  return new Socket(url);
}
