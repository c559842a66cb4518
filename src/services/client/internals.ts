/**
 * What the feature modules of the client (messages, recall, receipts, tags, ...) get from
 * `ParleyClient`: every operation of their tables takes it first (bind.ts).
 */
import { ErrorCode } from '../../protocol/constants.js';
import type { Op, ReplyData, RequestInput } from '../../protocol/frames.js';
import type { MessagingRequestSchemas } from '../../protocol/messaging.js';
import type { CheckedOp, CheckResult } from './request-check.js';
import type { ChatroomClient } from './chatroom.js';
import type { Emitter, Events } from './events.js';
import type { SentStatus } from './messages.js';
import type { Typing } from './typing-state.js';
import type { IAsyncRes } from './types.js';

/** Session access for the feature modules; one per client. */
export interface ClientInternals {
  /** Sends a request on the live connection (RC_NET_UNAVAILABLE when there is none). */
  call<O extends Op>(op: O, data: RequestInput<O>, timeoutCode?: number): Promise<IAsyncRes<ReplyData[O]>>;
  /** The connected user's id ('' before connecting). */
  userId(): string;
  emitter: Emitter;
  /** The server's base URL (`navi`), the session token and the request timeout. */
  navi(): string | undefined;
  token(): string;
  /** messageUIds this device recalled: their recall echo is not reported again. */
  ownRecalls: Set<string>;
  /** clientMessageIds this device sent: their inbox echo is not reported as new. */
  ownSends: Set<string>;
  /** Typing state: the send throttle and who is typing where (made on first use, typing-state.ts). */
  typing?: Typing;
  /** The rooms this session is in, and the chatroom calls. */
  chatroom: ChatroomClient;
  /** The helpers of the late feature tables (late-tables.ts). */
  port: LatePort;
}

/**
 * What the modules loaded late (late-ops.ts) use of the eagerly loaded modules,
 * handed over on the internals: importing them would split those modules into chunks of their own.
 */
export interface LatePort {
  request: typeof request;
  requestVoid: typeof requestVoid;
  mapData: typeof mapData;
  checkRequest: typeof checkRequest;
  events: typeof Events;
  sentStatus: typeof SentStatus;
}

/** Each client's internals, kept off the instance so the session token and the raw calls are not part of its API. */
const internalsByClient = new WeakMap<object, ClientInternals>();

/**
 * Gives `client` its internals (the client's constructor).
 * @internal
 */
export function setInternals(client: object, internals: ClientInternals): void {
  internalsByClient.set(client, internals);
}

/**
 * The internals of a client (the operations of the feature tables run on them, bind.ts).
 * @internal
 */
export function internalsOf(client: unknown): ClientInternals {
  const internals = typeof client === 'object' && client !== null ? internalsByClient.get(client) : undefined;
  if (!internals) throw new TypeError('parley/client: call the method on a ParleyClient instance');
  return internals;
}

export type MessagingOp = keyof typeof MessagingRequestSchemas;
/** Ops sent through `request` (their arguments are checked first). */
export type RequestOp = CheckedOp;

let checker: Promise<typeof import('./request-check.js')> | undefined;

/** Starts loading the argument checks (request-check.ts); the client calls it on connect, so the first request does not wait. */
export function prefetchRequestCheck(): void {
  checker ??= import('./request-check.js');
}

/** Checks a request's arguments with the op's schema, loading the checks the first time. */
export async function checkRequest(op: CheckedOp, data: unknown): Promise<CheckResult> {
  prefetchRequestCheck();
  return (await checker!).check(op, data);
}

/**
 * Checks `data` with the op's schema (a bad argument resolves BIZ_ERROR_INVALID_PARAMETER without
 * touching the network), then sends it.
 */
export async function request<O extends RequestOp>(
  ctx: ClientInternals,
  op: O,
  data: unknown,
): Promise<IAsyncRes<ReplyData[O]>> {
  const checked = await checkRequest(op, data);
  if (!checked.ok) return { code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER, msg: checked.msg };
  const res = await ctx.call(op, checked.data as RequestInput<O>);
  if (res.code === ErrorCode.SUCCESS) return res;
  return res.msg === undefined
    ? { code: res.code || ErrorCode.UNKNOWN }
    : { code: res.code || ErrorCode.UNKNOWN, msg: res.msg };
}

/** The same, keeping only the code (for calls whose success carries no data). */
export async function requestVoid(ctx: ClientInternals, op: RequestOp, data: unknown): Promise<IAsyncRes<void>> {
  const res = await request(ctx, op, data);
  return res.code === ErrorCode.SUCCESS
    ? { code: ErrorCode.SUCCESS }
    : { code: res.code, ...(res.msg !== undefined ? { msg: res.msg } : {}) };
}

/** Maps a successful reply's data, or passes the failure on. */
export function mapData<T, U>(res: IAsyncRes<T>, fn: (data: T) => U): IAsyncRes<U> {
  if (res.code !== ErrorCode.SUCCESS || res.data === undefined)
    return res.msg === undefined ? { code: res.code } : { code: res.code, msg: res.msg };
  return { code: ErrorCode.SUCCESS, data: fn(res.data) };
}
