/**
 * One client socket: reads frames in order, enforces "connect first", replies, and receives
 * pushes once its connect reply is out.
 */
import { DevicePlatform } from '../../src/protocol/platforms.js';
import type { Writable } from 'node:stream';
import type { WebSocket } from 'ws';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { InboxPush, ReplyFrame } from '../../src/protocol/frames.js';
import { Limits } from '../../src/protocol/limits.js';
import { SESSION_END_CLOSE_CODE, sessionEndReason } from '../../src/protocol/close-codes.js';
import type { TokenClaims } from '../auth/token.js';
import { BUS_UNAVAILABLE, isRedisUnavailable } from '../failure-log.js';
import { DomainError } from '../domain/errors.js';
import { CloseCode } from './close-codes.js';
import type { GatewayContext, HandlerTable } from './handler-context.js';
import { parseFrame } from './parse.js';
import { SendRate, sendRule } from './rate-limit.js';
import { corkForTick, corkForTurn } from './write-batch.js';

/** Send options for every frame: text, even when handed bytes (shared, ws does not mutate it). */
const TEXT_FRAME = { binary: false } as const;

/** Unsent bytes after which a socket is considered stuck. */
/**
 * Sends of one connection that may wait for their commit at once. Each starts only after the one
 * before it is queued for commit (so order, rate limits and checks follow the frames' order); they
 * share group commits instead of each waiting for the previous one's ack.
 */
export const MAX_SENDS_IN_FLIGHT = 32;

const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** One socket's state: authentication, rate limit, ordered frame handling, held pushes. */
export class Connection {
  /** Set once connect succeeded. */
  userId: string | null = null;
  sessionId: string | null = null;
  /** The device platform the client named on connect (the per-platform session limit). */
  platform: DevicePlatform = DevicePlatform.WEB;
  /** A connect is being processed (further connects are refused until it settles). */
  connecting = false;
  /** The claims of the token the socket connected with (the token sweep checks them). */
  token: Pick<TokenClaims, 'issuedAt' | 'expireAt'> | null = null;
  /** Heartbeat: cleared on ping, set on pong. */
  alive = true;
  /** The send rate of this socket's user (shared by her sockets). */
  readonly limiter: SendRate;
  private pushReady = false;
  private pending: Array<string | Buffer> = [];
  private queue: Promise<void> = Promise.resolve();
  /** Sends queued for commit whose ack has not gone out yet. */
  private readonly sendsInFlight = new Set<Promise<void>>();
  /** Lets the frame after the current send start (see sendQueued). */
  private releaseNext: (() => void) | null = null;
  private readonly deadline: NodeJS.Timeout;

  constructor(
    readonly socket: WebSocket,
    private readonly ctx: GatewayContext,
    /** The op handlers (`handlers.ts`), passed in so the connection does not import its own handlers. */
    private readonly handlers: HandlerTable,
    connectDeadlineMs: number,
    /** The TCP socket under `socket`: corked per event-loop turn so a turn's frames share a syscall. */
    private readonly raw?: Writable,
  ) {
    this.limiter = new SendRate(ctx.limiter, sendRule(ctx.sendRatePerSecond), () => this.userId);
    this.deadline = setTimeout(() => {
      if (!this.userId) this.socket.close(CloseCode.CONNECT_DEADLINE, 'connect deadline');
    }, connectDeadlineMs);
    this.deadline.unref();
    socket.on('pong', () => (this.alive = true));
    socket.on('message', (raw, isBinary) => {
      // Frames start one after another so stored sends keep the client's order; consecutive sends
      // overlap only while waiting for their commits (see onFrame).
      this.queue = this.queue.then(() => this.onFrame(raw as Buffer | ArrayBuffer | Buffer[], isBinary));
    });
    socket.on('close', () => {
      clearTimeout(this.deadline);
      ctx.registry.remove(this);
    });
  }

  /** Sends a reply frame. */
  reply(id: number | null, code: number, data?: unknown, msg?: string): void {
    const frame: ReplyFrame = { reply: id, code };
    if (msg !== undefined) frame.msg = msg;
    if (data !== undefined) frame.data = data;
    this.send(JSON.stringify(frame));
  }

  /** Sends a reply frame whose data is already encoded (`dataJson`: a JSON object). */
  replyJson(id: number, code: number, dataJson: string): void {
    this.send(`{"reply":${id},"code":${code},"data":${dataJson}}`);
  }

  /** Queues an inbox push; it goes out only after the connect reply. */
  push(frame: InboxPush): void {
    this.pushText(JSON.stringify(frame));
  }

  /** Queues an already serialized push. */
  pushText(text: string): void {
    if (this.pushReady) this.send(text);
    else this.pending.push(text);
  }

  /**
   * Queues a room broadcast (bytes shared by all members). Batched: the socket stays corked to the
   * end of the turn (bounded, see write-batch.ts), so a burst of room messages shares syscalls.
   * Replies and inbox pushes are not held back this way (unless they share the turn with a broadcast).
   */
  pushShared(bytes: Buffer): void {
    if (!this.pushReady) return void this.pending.push(bytes);
    if (this.raw) corkForTurn(this.raw);
    this.send(bytes);
  }

  /** Called by the connect handler after its reply: pushes may flow now. */
  authenticated(userId: string, sessionId: string, token?: TokenClaims): void {
    clearTimeout(this.deadline);
    this.userId = userId;
    this.sessionId = sessionId;
    this.token = token ?? null;
  }

  /**
   * Ends the session because its token stopped being valid (or, `always`, for another reason such
   * as the per-user socket cap): a last frame `{ reply: null, code }`,
   * then a close with SESSION_END_CLOSE_CODE whose reason starts with the code (the client reads it).
   */
  endSession(code: number, text: string, always = false): void {
    if (this.token === null && !always) return;
    this.token = null;
    this.ctx.log(`gateway: ending ${this.userId} session ${this.sessionId}: ${text}`);
    this.reply(null, code, undefined, text);
    this.socket.close(SESSION_END_CLOSE_CODE, sessionEndReason(code, text));
  }

  /** Starts pushes, flushing what arrived between registering and the connect reply. */
  startPushes(): void {
    this.pushReady = true;
    for (const text of this.pending.splice(0)) this.send(text);
  }

  private send(text: string | Buffer): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    // A peer that stopped reading must not grow our memory without bound; it resyncs on reconnect.
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.ctx.log(
        `gateway: terminating ${this.userId ?? 'unauthenticated'} socket: ${this.socket.bufferedAmount} bytes unsent`,
      );
      this.socket.terminate();
      return;
    }
    // Replies and pushes of one burst (a group commit's sends) share a syscall per socket.
    if (this.raw) corkForTick(this.raw);
    this.socket.send(text, TEXT_FRAME);
  }

  /** Undoes `authenticated` when the connect could not finish. */
  unauthenticated(): void {
    this.ctx.registry.remove(this);
    this.userId = null;
    this.sessionId = null;
    this.pending = [];
  }

  /**
   * Called by the send handler once its message is queued for commit: the next frame may start.
   * (Only the send being started can call it: the frames after it wait until it does.)
   */
  sendQueued(): void {
    const release = this.releaseNext;
    this.releaseNext = null;
    release?.();
  }

  /** Resolves when the next frame may start. */
  private async onFrame(raw: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): Promise<void> {
    // ws hands a Buffer by default: use it as is rather than copying it.
    const buffer = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    if (isBinary)
      return this.reply(null, ErrorCode.BIZ_ERROR_INVALID_PARAMETER, undefined, 'binary frames are not supported');
    if (buffer.length > Limits.MAX_FRAME_BYTES) {
      return this.reply(
        null,
        ErrorCode.RC_MSG_CONTENT_EXCEED_LIMIT,
        undefined,
        `frame exceeds ${Limits.MAX_FRAME_BYTES} bytes`,
      );
    }
    const parsed = parseFrame(buffer.toString('utf8'));
    if (!parsed.ok) return this.reply(parsed.id, parsed.code, undefined, parsed.msg);
    if (parsed.op === 'connect') {
      if (this.userId) return this.reply(parsed.id, ErrorCode.RC_CONNECTION_EXIST, undefined, 'already connected');
      if (this.connecting)
        return this.reply(parsed.id, ErrorCode.BIZ_ERROR_CONNECTING, undefined, 'connect in progress');
    } else if (!this.userId) {
      return this.reply(parsed.id, ErrorCode.RC_NET_CHANNEL_INVALID, undefined, 'connect first');
    }
    if (parsed.op !== 'sendMessage') {
      // Any other op sees every earlier send settled, as if frames were handled strictly in turn.
      if (this.sendsInFlight.size > 0) await Promise.all(this.sendsInFlight);
      return this.handle(parsed);
    }
    if (this.sendsInFlight.size >= MAX_SENDS_IN_FLIGHT) await Promise.race(this.sendsInFlight);
    let release!: () => void;
    const queued = new Promise<void>((resolve) => (release = resolve));
    this.releaseNext = release;
    const settled = this.handle(parsed).finally(() => {
      this.sendsInFlight.delete(settled);
      // A send refused before reaching the commit queue releases the next frame here.
      if (this.releaseNext === release) this.releaseNext = null;
      release();
    });
    this.sendsInFlight.add(settled);
    await queued;
  }

  /** Runs a parsed frame's handler; never rejects (failures become error replies). */
  private async handle(parsed: Extract<ReturnType<typeof parseFrame>, { ok: true }>): Promise<void> {
    try {
      await this.handlers[parsed.op](this, parsed.id, parsed.data as never, this.ctx);
    } catch (error) {
      if (error instanceof DomainError) return this.reply(parsed.id, error.code, error.data, error.message);
      // Redis is away (its connection logs that once): a refusal the client may retry, not a crash to trace.
      if (isRedisUnavailable(error))
        return this.reply(parsed.id, ErrorCode.BIZ_ERROR_DATABASE_ERROR, undefined, BUS_UNAVAILABLE);
      this.ctx.log(`gateway: ${parsed.op} failed: ${(error as Error).stack ?? String(error)}`);
      this.reply(parsed.id, ErrorCode.BIZ_ERROR_DATABASE_ERROR, undefined, 'internal error');
    }
  }
}
