/**
 * The messages slice's `recallMessage`, loaded on the first recall (`late-actions.ts`): a first screen
 * only shows recall notices, which arrive as messages.
 */
import type { IAsyncRes, IConversationOption, IReceivedMessage } from '../client/types.js';
import type { StorePort } from './slice.js';
import type { ConversationKey, ConversationMessages, KitConversation, KitMessage } from './types.js';

/** What a recall uses of the messages slice and the store's modules. */
export interface RecallHelpers {
  readonly conversationKey: (conversation: IConversationOption) => ConversationKey;
  readonly parseConversationKey: (key: ConversationKey) => IConversationOption;
  readonly toKitMessage: (message: IReceivedMessage) => KitMessage;
  /** Puts `notice` into the conversation's loaded messages (in place of the message it recalls). */
  readonly addNotice: (key: ConversationKey, notice: KitMessage) => ConversationMessages;
  readonly patchConversation: (key: ConversationKey, patch: Partial<KitConversation>) => void;
  /** The kit's clock (a chatroom recall notice's time). */
  readonly now: () => number;
  /** `ConversationType.CHATROOM` and `MessageType.RECALL_MESSAGE_NOTIFICATION`. */
  readonly chatroomType: number;
  readonly recallNoticeType: string;
}

/** The body of the messages slice's `recallMessage`. */
export function recall(port: StorePort, h: RecallHelpers) {
  /**
   * Recalls a chatroom message (own, or anyone's for the creator and admins). The server answers with
   * no message; the room's `RC:RcNtf` reaches every member, this device too, and the store's merge
   * puts it in place of the original. Resolves with the original as recalled.
   */
  async function recallInRoom(key: ConversationKey, message: KitMessage): Promise<IAsyncRes<IReceivedMessage>> {
    const res = await port.client.recallChatRoomMessage(message.targetId, message.messageUId);
    if (res.code !== 0) return { code: res.code, ...(res.msg !== undefined ? { msg: res.msg } : {}) };
    const content = {
      messageUId: message.messageUId,
      conversationType: message.conversationType,
      targetId: message.targetId,
      operatorId: port.get().userId,
      recallTime: h.now(),
      originalObjectName: message.messageType,
      sentTime: message.sentTime,
    };
    const notice: KitMessage = {
      ...message,
      messageUId: '',
      messageId: `recall-${message.messageUId}`,
      messageType: h.recallNoticeType,
      content,
    };
    const list = h.addNotice(key, notice).list;
    return { code: 0, data: list.find((m) => m.messageUId === message.messageUId) ?? notice };
  }

  return {
    async recallMessage(message: KitMessage): Promise<IAsyncRes<IReceivedMessage>> {
      const key = h.conversationKey(message);
      if (message.conversationType === h.chatroomType) return recallInRoom(key, message);
      const res = await port.client.recallMessage(h.parseConversationKey(key), {
        messageUId: message.messageUId,
        sentTime: message.sentTime,
      });
      if (res.code !== 0 || !res.data) return res;
      const notice = h.toKitMessage(res.data);
      h.addNotice(key, notice);
      const entry = port.get().conversationList.find((c) => c.key === key);
      if (entry?.latestMessage?.messageUId === message.messageUId) h.patchConversation(key, { latestMessage: notice });
      return res;
    },
  };
}
