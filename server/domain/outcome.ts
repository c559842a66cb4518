/** What a messaging domain call returns: reply data, and the pushes to send after the reply. */
import type { ConversationType } from '../../src/protocol/enums.js';
import type { WireMessage } from '../../src/protocol/frames.js';
import type { ChatService } from './chat.js';
import type { Appended } from '../storage/storage.js';

export interface Outcome<T> {
  data: T;
  /** Publishes the stored items; call after replying, so the reply precedes the pushes. */
  publish(): void;
}

/** An outcome whose items are published through the chat service's bus. */
export function outcome<T>(chat: ChatService, data: T, appended: Appended[] = []): Outcome<T> {
  return { data, publish: () => chat.publish(appended) };
}

/** The conversation target of a message from a viewer's side (private: the other user). */
export function viewTarget(
  message: Pick<WireMessage, 'conversationType' | 'targetId' | 'senderUserId'>,
  viewer: string,
): string {
  if (message.conversationType === (3 as ConversationType)) return message.targetId;
  return message.senderUserId === viewer ? message.targetId : message.senderUserId;
}

/** Everyone who can see a message: its directed recipients and sender, or all participants. */
export async function audience(chat: ChatService, message: WireMessage): Promise<string[]> {
  if (message.directedUserIds) return [...new Set([...message.directedUserIds, message.senderUserId])];
  return chat.participants(message.conversationType, message.targetId, message.senderUserId);
}
