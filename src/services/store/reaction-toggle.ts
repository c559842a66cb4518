/**
 * The reactions slice's `toggleReaction`, loaded on the first toggle (`late-actions.ts`): a first
 * screen only shows reactions.
 */
import type { IAsyncRes, IConversationOption } from '../client/types.js';
import type { StorePort } from './slice.js';
import type { ConversationKey, KitMessage } from './types.js';

/** What the toggle uses of the reactions slice and the store's modules. */
export interface ReactionToggleHelpers {
  readonly REACTIONS: readonly string[];
  readonly conversationKey: (conversation: IConversationOption) => ConversationKey;
  readonly canReact: (message: KitMessage) => boolean;
  readonly reactionKey: (index: number, userId: string) => string;
  /** Applies changed and removed expansion pairs to a loaded message. */
  readonly applyExpansion: (
    key: ConversationKey,
    messageUId: string,
    updated?: Record<string, string>,
    deleted?: readonly string[],
  ) => void;
}

/** The body of the reactions slice's `toggleReaction`. */
export function reactionToggle(port: StorePort, h: ReactionToggleHelpers) {
  return {
    async toggleReaction(message: KitMessage, emoji: string): Promise<IAsyncRes<unknown>> {
      const index = h.REACTIONS.indexOf(emoji);
      const userId = port.get().userId;
      if (index < 0 || !userId || !h.canReact(message)) return { code: -1, msg: 'cannot react to this message' };
      const key = h.conversationKey(message);
      const pair = h.reactionKey(index, userId);
      const had = message.expansion?.[pair] !== undefined;
      const ref = {
        conversationType: message.conversationType,
        targetId: message.targetId,
        messageUId: message.messageUId,
      };
      if (had) {
        h.applyExpansion(key, message.messageUId, {}, [pair]);
        const res = await port.client.removeMessageExpansionForKey([pair], ref);
        if (res.code !== 0) h.applyExpansion(key, message.messageUId, { [pair]: userId });
        return res;
      }
      h.applyExpansion(key, message.messageUId, { [pair]: userId });
      const res = await port.client.updateMessageExpansion({ [pair]: userId }, ref);
      if (res.code !== 0) h.applyExpansion(key, message.messageUId, {}, [pair]);
      return res;
    },
  };
}
