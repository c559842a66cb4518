/**
 * The part of the protocol client the store uses. `ParleyClient` satisfies it; naming the port keeps
 * the store independent of how the client is built.
 */
import type {
  IAsyncRes,
  IConversationEvent,
  IConversationOption,
  IGetConversationListOption,
  IGetHistoryMessageOption,
  IGetHistoryMessagesResult,
  IMessagesEvent,
  IReceivedConversation,
  IReceivedMessage,
  ISendableMessage,
  ISendMessageOptions,
} from '../client/types.js';
import type { EventName, Listener } from '../client/events.js';
import type { IChatroomInfo, IChatroomJoinResponse, IChatRoomInfoOption, IChatroomListenerData, IJoinChatRoomOption } from '../client/chatroom-types.js';

/** Listener signatures of the client events the store follows. */
export interface KitClientEvents {
  connecting: () => void;
  connected: () => void;
  disconnect: (code: number) => void;
  suspend: (code: number) => void;
  messages: (event: IMessagesEvent) => void;
  conversation: (event: IConversationEvent) => void;
  pull_offline_message_finished: () => void;
  chatroom: (event: IChatroomListenerData) => void;
}

export interface KitClient {
  addEventListener<E extends EventName>(event: E, listener: Listener<E>): void;
  removeEventListener<E extends EventName>(event: E, listener: Listener<E>): void;
  getCurrentUserId(): string;
  /** IMLib `ConnectionStatus`: 0 connected, 1 connecting, others not connected. */
  getConnectionStatus?(): number;
  getConversationList(option?: IGetConversationListOption): Promise<IAsyncRes<IReceivedConversation[]>>;
  getHistoryMessages(
    conversation: IConversationOption,
    option?: IGetHistoryMessageOption,
  ): Promise<IAsyncRes<IGetHistoryMessagesResult>>;
  clearMessagesUnreadStatus(conversation: IConversationOption): Promise<IAsyncRes<unknown>>;
  sendMessage(
    conversation: IConversationOption,
    message: ISendableMessage,
    options?: ISendMessageOptions,
  ): Promise<IAsyncRes<IReceivedMessage>>;
  joinChatRoom(chatRoomId: string, option?: IJoinChatRoomOption): Promise<IAsyncRes<IChatroomJoinResponse>>;
  quitChatRoom(chatRoomId: string): Promise<IAsyncRes<void>>;
  getChatRoomInfo(chatRoomId: string, option?: IChatRoomInfoOption): Promise<IAsyncRes<IChatroomInfo>>;
}
