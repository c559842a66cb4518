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

/** Listener signatures of the client events the store follows. */
export interface KitClientEvents {
  connecting: () => void;
  connected: () => void;
  disconnect: (code: number) => void;
  suspend: (code: number) => void;
  messages: (event: IMessagesEvent) => void;
  conversation: (event: IConversationEvent) => void;
  pull_offline_message_finished: () => void;
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
  /** Uploads a file (`POST /upload`); the editor's attachments use it. */
  upload?(
    file: Blob,
    options?: { kind?: 'image' | 'audio' | 'video' | 'file'; name?: string; onProgress?: (loaded: number, total: number) => void; signal?: AbortSignal },
  ): Promise<IAsyncRes<{ url: string; name: string; size: number; type: string }>>;
  saveTextMessageDraft?(conversation: IConversationOption, draft: string): Promise<IAsyncRes<unknown>>;
  getTextMessageDraft?(conversation: IConversationOption): Promise<IAsyncRes<string>>;
  clearTextMessageDraft?(conversation: IConversationOption): Promise<IAsyncRes<unknown>>;
  sendTypingStatusMessage?(conversation: IConversationOption, typingContentType: string): Promise<IAsyncRes<unknown>>;
}
