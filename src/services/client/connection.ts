/** One WebSocket to the gateway: framing, request/reply matching, heartbeat. */
import { ErrorCode } from '../../protocol/constants.js';
import { errorCodeOfSessionEnd } from '../../protocol/close-codes.js';
import type { Op, PushFrame, ReplyData, ReplyFrame, RequestInput } from '../../protocol/frames.js';
import { RequestTracker } from './requests.js';
import { createSocket, SOCKET_OPEN, type SocketLike } from './socket-factory.js';
import type { IAsyncRes } from './types.js';

/** What a connection reports to its owner. */
export interface ConnectionHandlers {
  /** A server push (`{ push, data }`). */
  onPush(frame: PushFrame): void;
  /** The socket went away without `close()` being called; `code` is an ErrorCode. */
  onLost(code: number): void;
}

/**
 * A socket plus the requests riding on it. Created per attempt: after it is lost or closed it is
 * never reused, so stale callbacks from an old socket cannot touch a newer session.
 */
export class Connection {
  private readonly requests = new RequestTracker();
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private ended = false;

  private constructor(
    private readonly socket: SocketLike,
    private readonly handlers: ConnectionHandlers,
  ) {}

  /**
   * Opens a socket to `url`. Resolves with the connection once the socket is open, or with an
   * ErrorCode when it cannot be opened within `timeoutMs`.
   */
  static async open(url: string, handlers: ConnectionHandlers, timeoutMs: number): Promise<Connection | number> {
    let socket: SocketLike;
    try {
      socket = await createSocket(url);
    } catch {
      return ErrorCode.RC_SOCKET_NOT_CREATED;
    }
    return new Promise<Connection | number>((resolve) => {
      const timer = setTimeout(() => {
        detach();
        safeClose(socket);
        resolve(ErrorCode.CONNECTION_TIMEOUT);
      }, timeoutMs);
      const detach = () => {
        clearTimeout(timer);
        socket.onopen = socket.onclose = null;
        // Keep an error handler: `ws` throws on an 'error' event nobody listens to.
        socket.onerror = () => {};
      };
      socket.onopen = () => {
        detach();
        resolve(new Connection(socket, handlers).attach());
      };
      // A refused or failed handshake fires `error` then `close`; either one ends the attempt.
      socket.onerror = socket.onclose = () => {
        detach();
        safeClose(socket);
        resolve(ErrorCode.RC_SOCKET_NOT_CREATED);
      };
    });
  }

  /** Whether the socket is still usable. */
  get isOpen(): boolean {
    return !this.ended && this.socket.readyState === SOCKET_OPEN;
  }

  /**
   * Sends a request and resolves with its reply as `{ code, msg?, data? }`. Never rejects: a send
   * failure or a lost socket gives `RC_NET_UNAVAILABLE`, no reply in time gives `timeoutCode`.
   */
  request<O extends Op>(
    op: O,
    data: RequestInput<O>,
    timeoutMs: number,
    timeoutCode: number = ErrorCode.TIMEOUT,
  ): Promise<IAsyncRes<ReplyData[O]>> {
    if (!this.isOpen) return Promise.resolve({ code: ErrorCode.RC_NET_UNAVAILABLE, msg: 'not connected' });
    const { id, result } = this.requests.open<ReplyData[O]>(timeoutMs, timeoutCode);
    try {
      this.socket.send(JSON.stringify({ id, op, data }));
    } catch {
      this.requests.fail(id, ErrorCode.RC_NET_UNAVAILABLE, 'send failed');
    }
    return result;
  }

  /**
   * Pings every `intervalMs`; a ping without a reply in `timeoutMs` means the socket is dead even
   * if the OS has not noticed (sleeping laptop, dropped NAT mapping), so it is dropped and reported.
   */
  startHeartbeat(intervalMs: number, timeoutMs: number): void {
    this.stopHeartbeat();
    this.heartbeat = setInterval(async () => {
      const res = await this.request('ping', {}, timeoutMs);
      if (res.code === ErrorCode.TIMEOUT && !this.ended) this.lose(ErrorCode.RC_SOCKET_DISCONNECTED);
    }, intervalMs);
  }

  /** Closes on purpose: waiting requests get `RC_NET_UNAVAILABLE`, `onLost` is not called. */
  close(): void {
    if (this.ended) return;
    this.end();
    safeClose(this.socket, 1000, 'client closed');
  }

  /** Drops the socket as if the network had failed: for tests and dead-socket detection. */
  lose(code: number = ErrorCode.RC_SOCKET_DISCONNECTED): void {
    if (this.ended) return;
    this.end();
    safeClose(this.socket, 4000, 'connection lost');
    this.handlers.onLost(code);
  }

  private attach(): this {
    this.socket.onmessage = (event) => this.receive(event.data);
    // A session end (token expired or revoked, socket cap) carries its ErrorCode: the app decides what next.
    this.socket.onclose = (event) =>
      this.lose(errorCodeOfSessionEnd(event.code, event.reason) ?? ErrorCode.RC_SOCKET_DISCONNECTED);
    // `close` always follows `error`; handling it there is enough.
    this.socket.onerror = () => {};
    return this;
  }

  private end(): void {
    this.ended = true;
    this.stopHeartbeat();
    this.socket.onmessage = this.socket.onclose = null;
    this.requests.failAll(ErrorCode.RC_NET_UNAVAILABLE, 'connection closed');
  }

  private stopHeartbeat(): void {
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private receive(raw: unknown): void {
    if (this.ended || typeof raw !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(raw);
    } catch {
      return; // Not ours to interpret; the server never sends non-JSON.
    }
    if (typeof frame !== 'object' || frame === null) return;
    if ('push' in frame) this.handlers.onPush(frame as PushFrame);
    else if ('reply' in frame) this.requests.settle(frame as ReplyFrame);
  }
}

function safeClose(socket: SocketLike, code?: number, reason?: string): void {
  try {
    socket.close(code, reason);
  } catch {
    // Already closed or still connecting in an implementation that refuses; nothing to do.
  }
}
