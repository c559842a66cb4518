/**
 * The tags slice's edits: create, rename and remove tags, and put conversations in or out of them.
 * Loaded on the first edit (`late-actions.ts`): a first screen only lists the tags.
 */
import type { IAsyncRes, IConversationOption } from '../client/types.js';
import type { StorePort } from './slice.js';
import type { ConversationKey, KitState } from './types.js';

/** What the edits use of the tags slice and the store's modules. */
export interface TagChangeHelpers {
  readonly conversationKey: (conversation: IConversationOption) => ConversationKey;
  /** Refuses a name before any request (blank, too long, another tag's name). */
  readonly refuseName: (state: KitState, tagName: string, tagId?: string) => IAsyncRes<never> | null;
  /** Reads the tags again. */
  readonly loadTags: () => Promise<void>;
}

/** A tag id of 10 characters, the seeds' limit for `tagId`. */
const newTagId = () =>
  `t${Array.from(crypto.getRandomValues(new Uint8Array(9)), (b) => (b % 36).toString(36)).join('')}`;

/** The bodies of the tags slice's `createTag`, `renameTag`, `removeTag` and `setConversationTagged`. */
export function tagChanges(port: StorePort, { conversationKey, refuseName, loadTags }: TagChangeHelpers) {
  return {
    async createTag(tagName: string, tagId: string = newTagId()): Promise<IAsyncRes<string>> {
      const refused = refuseName(port.get(), tagName);
      if (refused) return refused;
      const res = await port.client.addTag({ tagId, tagName: tagName.trim() });
      if (res.code !== 0) return { code: res.code, msg: res.msg };
      await loadTags();
      return { code: 0, data: tagId };
    },
    async renameTag(tagId: string, tagName: string): Promise<IAsyncRes<unknown>> {
      const refused = refuseName(port.get(), tagName, tagId);
      if (refused) return refused;
      const name = tagName.trim();
      if (port.get().tags.some((t) => t.tagId === tagId && t.tagName === name)) return { code: 0 };
      const res = await port.client.updateTag({ tagId, tagName: name });
      if (res.code === 0) await loadTags();
      return res;
    },
    async removeTag(tagId: string): Promise<IAsyncRes<unknown>> {
      const res = await port.client.removeTag(tagId);
      if (res.code === 0) await loadTags();
      return res;
    },
    async setConversationTagged(
      tagId: string,
      conversation: IConversationOption,
      tagged: boolean,
    ): Promise<IAsyncRes<unknown>> {
      const key = conversationKey(conversation);
      const target = [{ conversationType: conversation.conversationType, targetId: conversation.targetId }];
      const before = port.get().tagMembers[tagId] ?? [];
      const without = before.filter((k) => k !== key);
      port.set((state) => ({ tagMembers: { ...state.tagMembers, [tagId]: tagged ? [key, ...without] : without } }));
      const res = tagged
        ? await port.client.addConversationsToTag(tagId, target)
        : await port.client.removeConversationsFromTag(tagId, target);
      await loadTags();
      return res;
    },
  };
}
