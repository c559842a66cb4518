/** Checks and shapes an outgoing message before it goes to the gateway. */
import {
  ConversationType,
  MESSAGING_CONVERSATION_TYPES,
  MessageDirection,
  ErrorCode,
  ID_PATTERN,
  Limits,
} from '../../protocol/constants.js';
import type { ClientInternals } from './internals.js';
import type {
  IAsyncRes,
  IConversationOption,
  IReceivedMessage,
  ISendableMessage,
  ISendMessageOptions,
} from './types.js';

/** A random message id; works in insecure browser contexts where `randomUUID` is missing. */
export function randomId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const byteLength = (text: string) => new TextEncoder().encode(text).length;

/** A send that passed the checks: the message as it will be shown while sending. */
export interface PreparedSend {
  draft: IReceivedMessage;
  isChatroom: boolean;
}

/**
 * Validates a send (conversation, type, content size, resend id) without touching the network and
 * builds the message in `SENDING` state; a refusal comes back as `{ code, msg }`.
 */
export function prepareSend(
  conversation: IConversationOption,
  message: ISendableMessage,
  options: ISendMessageOptions,
  ctx: ClientInternals,
): PreparedSend | { code: number; msg: string } {
  if (!conversation || typeof conversation !== 'object') return invalid('conversation is required');
  const isChatroom = conversation.conversationType === ConversationType.CHATROOM;
  if (conversation.conversationType === ConversationType.SYSTEM) {
    return {
      code: ErrorCode.SYS_CONVERSATION_NOT_SUPPORT_MESSAGE,
      msg: 'system conversations are written by the Server API only',
    };
  }
  if (!isChatroom && !MESSAGING_CONVERSATION_TYPES.includes(conversation.conversationType)) {
    return { code: ErrorCode.CONVERSATION_TYPE_NOT_SUPPORT, msg: 'only PRIVATE and GROUP conversations are supported' };
  }
  if (typeof conversation.targetId !== 'string' || !ID_PATTERN.test(conversation.targetId))
    return invalid('invalid targetId');
  if (
    !message ||
    typeof message.messageType !== 'string' ||
    typeof message.content !== 'object' ||
    message.content === null
  ) {
    return invalid('message needs a messageType and a content object');
  }
  let json: string;
  try {
    json = JSON.stringify(message.content);
  } catch {
    return invalid('message content is not JSON-serialisable');
  }
  if (byteLength(json) > Limits.MAX_MESSAGE_CONTENT_BYTES) {
    return {
      code: ErrorCode.RC_MSG_CONTENT_EXCEED_LIMIT,
      msg: `content is over ${Limits.MAX_MESSAGE_CONTENT_BYTES} bytes`,
    };
  }
  // The seeds' messageId is a number; ours is the string the first send returned. Either names the send.
  const givenId =
    typeof options.messageId === 'number' && Number.isSafeInteger(options.messageId) && options.messageId >= 0
      ? String(options.messageId)
      : options.messageId;
  if (
    givenId !== undefined &&
    (typeof givenId !== 'string' || givenId.length === 0 || givenId.length > Limits.MAX_CLIENT_MESSAGE_ID_LENGTH)
  ) {
    return invalid('invalid messageId: a non-empty string or a non-negative integer');
  }
  const clientMessageId = givenId ?? randomId();
  const isStatusMessage = options.isStatusMessage ?? message.isStatusMessage ?? false;
  const draft: IReceivedMessage = {
    messageType: message.messageType,
    content: JSON.parse(json) as Record<string, unknown>,
    senderUserId: ctx.userId(),
    targetId: conversation.targetId,
    channelId: '',
    conversationType: conversation.conversationType,
    sentTime: Date.now(),
    receivedTime: Date.now(),
    messageUId: '',
    messageId: clientMessageId,
    messageDirection: MessageDirection.SEND,
    isPersisted: isStatusMessage ? false : (message.isPersisted ?? true),
    isCounted: isStatusMessage ? false : (message.isCounted ?? true),
    isOfflineMessage: false,
    isMentioned: false,
    disableNotification: options.disableNotification ?? false,
    isStatusMessage,
    canIncludeExpansion: options.canIncludeExpansion === true,
    expansion: options.canIncludeExpansion && options.expansion ? { ...options.expansion } : null,
    sentStatus: ctx.port.sentStatus.SENDING,
  };
  return { draft, isChatroom };
}

/** Expansion and directed-recipient options of a send, as wire fields. */
export function sendExtras(options: ISendMessageOptions) {
  return {
    ...(options.canIncludeExpansion ? { canIncludeExpansion: true } : {}),
    ...(options.canIncludeExpansion && options.expansion ? { expansion: options.expansion } : {}),
    ...(options.directionalUserIdList ? { directionalUserIdList: options.directionalUserIdList } : {}),
  };
}

export function invalid(msg: string): { code: number; msg: string } {
  return { code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER, msg };
}

export function failure(res: IAsyncRes<unknown>): { code: number; msg?: string } {
  return res.msg === undefined
    ? { code: res.code || ErrorCode.UNKNOWN }
    : { code: res.code || ErrorCode.UNKNOWN, msg: res.msg };
}
