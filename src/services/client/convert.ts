/** Wire shapes → the app-facing `IReceivedMessage` / `IReceivedConversation`. */
import { ConversationType, MentionedType, MessageDirection } from '../../protocol/constants.js';
import type { WireConversation, WireMessage } from '../../protocol/frames.js';
import type { IReceivedConversation, IReceivedMessage } from './types.js';

/** Whether a message mentions `userId` (@all, or @ with the user in `userIdList`). */
function mentions(content: Record<string, unknown>, userId: string): boolean {
  const info = content['mentionedInfo'] as { type?: unknown; userIdList?: unknown } | undefined;
  if (!info || typeof info !== 'object') return false;
  if (info.type === MentionedType.ALL) return true;
  return Array.isArray(info.userIdList) && info.userIdList.includes(userId);
}

/**
 * Converts a wire message for the user `me`. Direction follows the sender: messages `me` sent
 * (from this or another device) are SEND, all others RECEIVE. `receivedTime` is local time.
 */
export function toReceivedMessage(wire: WireMessage, me: string, isOfflineMessage: boolean): IReceivedMessage {
  const own = wire.senderUserId === me;
  return {
    messageType: wire.messageType,
    content: wire.content,
    senderUserId: wire.senderUserId,
    targetId: wire.targetId,
    channelId: '',
    conversationType: wire.conversationType,
    sentTime: wire.sentTime,
    receivedTime: Date.now(),
    messageUId: wire.messageUId,
    messageId: wire.clientMessageId,
    messageDirection: own ? MessageDirection.SEND : MessageDirection.RECEIVE,
    isPersisted: wire.isPersisted,
    isCounted: wire.isCounted,
    isOfflineMessage,
    // Seeds: @ only means something in groups.
    isMentioned: !own && wire.conversationType === ConversationType.GROUP && mentions(wire.content, me),
    disableNotification: wire.disableNotification,
    isStatusMessage: wire.isStatusMessage,
    canIncludeExpansion: wire.canIncludeExpansion === true,
    expansion: wire.expansion ?? null,
    ...(wire.directedUserIds ? { directedUserIds: wire.directedUserIds } : {}),
    ...(wire.readReceiptInfo ? { readReceiptInfo: wire.readReceiptInfo } : {}),
    ...(wire.fromNick ? { fromNick: wire.fromNick } : {}),
    ...(wire.fromAvatar ? { fromAvatar: wire.fromAvatar } : {}),
  };
}

/** Converts a wire conversation for the user `me`. */
export function toReceivedConversation(wire: WireConversation, me: string, isOffline = false): IReceivedConversation {
  const latest = wire.latestMessage ? toReceivedMessage(wire.latestMessage, me, isOffline) : null;
  return {
    conversationType: wire.conversationType,
    targetId: wire.targetId,
    channelId: '',
    unreadMessageCount: wire.unreadMessageCount,
    latestMessage: latest,
    hasMentioned: wire.hasMentioned,
    notificationLevel: wire.notificationLevel,
    isTop: wire.isTop,
    // The seeds' "last unread time": when the newest unread message came; 0 when all is read.
    lastUnreadTime: wire.unreadMessageCount > 0 ? (latest?.sentTime ?? wire.updatedTime) : 0,
    lastReadTime: wire.lastReadTime,
    draft: wire.draft,
    updatedTime: wire.updatedTime,
    mentionedCount: wire.mentionedCount ?? 0,
  };
}
