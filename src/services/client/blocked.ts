/**
 * `Events.MESSAGE_BLOCKED` on the sender's side (seeds: 敏感信息拦截回调): a send the server refused
 * for moderation (a sensitive word, the recipient's blacklist, a mute) is reported with the seeds'
 * `IBlockedMessageInfo`, beside the failed send's own result.
 */
import { ConversationType, ErrorCode, MessageBlockType } from '../../protocol/constants.js';
import type { ClientInternals } from './internals.js';
import type { IAsyncRes, IReceivedMessage } from './types.js';

/** The payload of `Events.MESSAGE_BLOCKED`. */
export interface IBlockedMessageInfo {
  conversationType: ConversationType;
  targetId: string;
  /** The blocked message's UId: '' in Parley, which stores nothing for a refused send (match on `messageId`). */
  blockedMessageUid: string;
  /** Why: `MessageBlockType.CUSTOM` (a sensitive word), Parley's `BLACKLIST` or `MUTED`. */
  blockType: MessageBlockType;
  /** The blocked message's `content.extra`, when it had one. */
  extra?: string;
  /** Ultra groups only; always '' here. */
  channelId: string;
  /** Parley: the refused message's `messageId`, as `onSendBefore` and the failed send's result carry it. */
  messageId: string;
  /** Parley: the refusal's result code (21501, 405, 20106, 22408 or 23408). */
  code: number;
}

/** Refusal codes that are moderation blocks, and the block type each means when the reply names none. */
const BLOCK_TYPES: ReadonlyMap<number, MessageBlockType> = new Map<number, MessageBlockType>([
  [ErrorCode.SENSITIVE_SHIELD, MessageBlockType.CUSTOM],
  [ErrorCode.REJECTED_BY_BLACKLIST, MessageBlockType.BLACKLIST],
  [ErrorCode.FORBIDDEN_IN_PRIVATE, MessageBlockType.MUTED],
  [ErrorCode.FORBIDDEN_IN_GROUP, MessageBlockType.MUTED],
  [ErrorCode.FORBIDDEN_IN_CHATROOM, MessageBlockType.MUTED],
]);

/** Emits MESSAGE_BLOCKED when a send's failure is a moderation block (status messages are not reported). */
export function reportBlocked(ctx: ClientInternals, message: IReceivedMessage, res: IAsyncRes<unknown>): void {
  const fallback = BLOCK_TYPES.get(res.code);
  if (fallback === undefined || message.isStatusMessage) return;
  const data = res.data as { blockType?: unknown } | undefined;
  const blockType = typeof data?.blockType === 'number' ? (data.blockType as MessageBlockType) : fallback;
  const extra = (message.content as { extra?: unknown }).extra;
  ctx.emitter.emit('message_blocked', {
    conversationType: message.conversationType,
    targetId: message.targetId,
    blockedMessageUid: '',
    blockType,
    ...(typeof extra === 'string' ? { extra } : {}),
    channelId: '',
    messageId: message.messageId,
    code: res.code,
  });
}
