/**
 * The kit's send path: an own message shows at once as `sending` (`waiting` while offline) and goes
 * through the outgoing queue (`outbox.ts`: paced, in order, kept until acknowledged), then becomes
 * `sent` (replaced by the server's copy) or `failed` (to retry with the same client id, so the
 * server stores it at most once). Pending messages (an upload in progress) hold their place in the
 * queue until `sendPending`.
 */
import { MessageDirection } from '../../protocol/constants.js';
import type {
  IAsyncRes,
  IConversationOption,
  IReceivedMessage,
  ISendableMessage,
  ISendMessageOptions,
} from '../client/types.js';
import type { ConversationUpdates } from './conversation-updates.js';
import { mergeMessages, messagePlaceholder, newMessageId, textPlaceholder, updateMessage } from './messages.js';
import type { Outbox } from './outbox.js';
import { setMessages, type Slice, type StorePort } from './slice.js';
import { hasUpload, retryUpload } from './uploads.js';
import { conversationKey, messagesOf, parseConversationKey, type ConversationKey, type KitMessage } from './types.js';

/** What the sending slice needs besides the port. */
export interface SendingDeps {
  readonly outbox: Outbox;
  readonly updates: Pick<ConversationUpdates, 'ensureListed' | 'touchConversation'>;
}

/** The sending slice (see the module comment). */
export function createSendingSlice(port: StorePort, deps: SendingDeps) {
  const { outbox, updates } = deps;
  /** The sender id of own messages: the connected user, or the client's while the state has none yet. */
  function ownUserId(): string {
    return port.get().userId || port.client.getCurrentUserId?.() || '';
  }

  /** Adds an own message to its conversation's list. */
  function showOwn(key: ConversationKey, message: KitMessage): void {
    const current = messagesOf(port.get(), key);
    setMessages(port, key, { ...current, list: mergeMessages(current.list, [message]) });
  }

  /** Queues a shown own message in the outbox; resolves with the message as it ends up. */
  async function send(
    key: ConversationKey,
    message: KitMessage,
    options: ISendMessageOptions = {},
    onResult?: (res: IAsyncRes<IReceivedMessage>) => void,
  ): Promise<KitMessage | undefined> {
    const res = await outbox.enqueue(key, message.messageId, options);
    onResult?.(res);
    return findOwn(key, message.messageId, message.senderUserId);
  }

  function findOwn(key: ConversationKey, messageId: string, senderUserId: string): KitMessage | undefined {
    return messagesOf(port.get(), key).list.find((m) => m.messageId === messageId && m.senderUserId === senderUserId);
  }

  /** Updates an own message (by client id and sender, default the user) in its conversation's list. */
  function replaceOwn(
    key: ConversationKey,
    messageId: string,
    update: (m: KitMessage) => KitMessage,
    sender?: string,
  ): void {
    const current = messagesOf(port.get(), key);
    const senderUserId = sender ?? port.get().userId;
    const list = updateMessage(current.list, senderUserId, messageId, update);
    if (list !== current.list) setMessages(port, key, { ...current, list });
  }

  return {
    actions: {
      /**
       * Sends a text message to a conversation (default: the open one). The message shows at once as
       * `sending`, then becomes `sent` or `failed`. Resolves with the final message; blank text is refused.
       */
      async sendText(text: string, conversation?: IConversationOption): Promise<KitMessage | undefined> {
        const content = text.trim();
        const key = conversation ? conversationKey(conversation) : port.get().selected;
        if (!content || !key) return undefined;
        const target = parseConversationKey(key);
        updates.ensureListed(key);
        const placeholder = textPlaceholder(target, ownUserId(), content, newMessageId());
        showOwn(key, placeholder);
        updates.touchConversation(key, placeholder);
        return send(key, placeholder);
      },
      /**
       * Sends any message (text, registered custom type) to a conversation, optimistic like `sendText`
       * when it will be stored; status and non-persisted messages go straight to the client.
       */
      async sendMessage(
        conversation: IConversationOption,
        message: ISendableMessage,
        options: ISendMessageOptions = {},
      ): Promise<IAsyncRes<IReceivedMessage>> {
        const shown = !(options.isStatusMessage ?? message.isStatusMessage) && (message.isPersisted ?? true);
        if (!shown || !conversation || typeof message?.content !== 'object' || message.content === null) {
          return port.client.sendMessage(conversation, message, options);
        }
        const key = conversationKey(conversation);
        const target = parseConversationKey(key);
        updates.ensureListed(key);
        const placeholder = messagePlaceholder(
          target,
          ownUserId(),
          message,
          options.messageId !== undefined ? String(options.messageId) : newMessageId(),
        );
        showOwn(key, placeholder);
        updates.touchConversation(key, placeholder);
        let result: IAsyncRes<IReceivedMessage> = { code: -1 };
        await send(key, placeholder, options, (res) => (result = res));
        return result;
      },
      /**
       * Sends a failed message again with the same client id, so the server stores it at most once (a
       * failed upload uploads again). Resolves with the message as it ends up.
       */
      async retry(
        message: Pick<IReceivedMessage, 'conversationType' | 'targetId' | 'messageId'>,
      ): Promise<KitMessage | undefined> {
        const key = conversationKey(message);
        const found = messagesOf(port.get(), key).list.find(
          (m) => m.messageId === message.messageId && m.messageDirection === MessageDirection.SEND,
        );
        if (!found || found.sendState !== 'failed') return found;
        if (hasUpload(found.messageId)) return retryUpload(found.messageId);
        const { failCode: _failCode, ...rest } = found;
        const sending: KitMessage = { ...rest, sendState: 'sending' };
        replaceOwn(key, found.messageId, () => sending);
        return send(key, sending);
      },
      /**
       * Shows an own message before it can be sent (an upload in progress), as `sending`. Used by
       * `uploads.ts`; apps send through `sendMessage`.
       * @internal
       */
      addPending(
        conversation: IConversationOption,
        message: ISendableMessage,
        messageId: string,
        patch: Partial<KitMessage> = {},
      ): KitMessage {
        const key = conversationKey(conversation);
        const target = parseConversationKey(key);
        updates.ensureListed(key);
        const placeholder: KitMessage = { ...messagePlaceholder(target, ownUserId(), message, messageId), ...patch };
        showOwn(key, placeholder);
        return placeholder;
      },
      /** Patches an own pending message (progress, failed); a sent one stays as it is. @internal */
      patchPending(key: ConversationKey, messageId: string, patch: Partial<KitMessage>): void {
        replaceOwn(key, messageId, (m) => (m.sendState === 'sent' ? m : { ...m, ...patch }));
      },
      /** Removes an own message that never reached the server (a cancelled upload). @internal */
      removePending(key: ConversationKey, messageId: string): void {
        const current = messagesOf(port.get(), key);
        const list = current.list.filter(
          (m) => !(m.messageId === messageId && m.senderUserId === port.get().userId && m.sendState !== 'sent'),
        );
        if (list.length !== current.list.length) setMessages(port, key, { ...current, list });
      },
      /** Sends the final message of a pending one (after its upload), keeping its client id. @internal */
      async sendPending(
        key: ConversationKey,
        messageId: string,
        message: ISendableMessage,
        options: ISendMessageOptions = {},
      ): Promise<IAsyncRes<IReceivedMessage>> {
        let sending: KitMessage | undefined;
        replaceOwn(key, messageId, (m) => {
          const { progress: _progress, ...rest } = m;
          sending = {
            ...rest,
            messageType: message.messageType,
            content: JSON.parse(JSON.stringify(message.content)) as Record<string, unknown>,
            sendState: m.sendState === 'waiting' ? 'waiting' : 'sending',
          };
          return sending;
        });
        if (!sending) return { code: -1, msg: 'no pending message' };
        updates.touchConversation(key, sending);
        return outbox.markReady(key, messageId, options);
      },
    },
  } satisfies Slice;
}

/** The sending slice's actions (the store's send methods). */
export type SendingActions = ReturnType<typeof createSendingSlice>['actions'];
