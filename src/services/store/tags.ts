/**
 * Conversation tags (the seeds' 会话标签) in the kit store: the user's tags, which listed
 * conversations each holds, and the actions of the conversation list's tag bar and "Tags…" menu.
 * The state follows TAG / CONVERSATION_TAG from the user's other devices by re-reading the server.
 */
import { ErrorCode, MessagingLimits } from '../../protocol/constants.js';
import type { IAsyncRes } from '../client/types.js';
import { isMuted } from './conversation-actions.js';
import { lateActions, onStore, type Slice, type StorePort } from './slice.js';
import { conversationKey, type ConversationKey, type KitState } from './types.js';

/** One of the user's tags as the kit shows it. */
export interface KitTag {
  readonly tagId: string;
  readonly tagName: string;
  readonly conversationCount: number;
}

/** A tag keeps its newest 1000 conversations (seeds), so one page holds them all. */
const TAG_PAGE = 1000;

/** Reads the user's tags and each tag's conversations; resolves the change to apply, if any. */
async function fetchTags(port: StorePort): Promise<Partial<KitState> | undefined> {
  const res = await port.client.getTags();
  if (res.code !== 0 || !Array.isArray(res.data)) return undefined;
  const tags = [...res.data].sort((a, b) => a.createdTime - b.createdTime);
  const members: Record<string, readonly ConversationKey[]> = {};
  await Promise.all(
    tags.map(async (tag) => {
      const page = await port.client.getConversationsFromTagByPage(tag.tagId, TAG_PAGE, 0);
      members[tag.tagId] =
        page.code === 0 && page.data
          ? page.data.map((c) => conversationKey(c))
          : (port.get().tagMembers[tag.tagId] ?? []);
    }),
  );
  return {
    tags: tags.map(({ tagId, tagName, conversationCount }) => ({ tagId, tagName, conversationCount })),
    tagMembers: members,
  };
}

/** The longest tag name (seeds: "长度不能超过 15"), in UTF-16 units as the server counts. */
export const TAG_NAME_MAX = MessagingLimits.TAG_NAME_MAX;

/** What is wrong with a tag name before any request: blank, or longer than `TAG_NAME_MAX`. */
export function tagNameProblem(tagName: string): 'empty' | 'tooLong' | null {
  const name = tagName.trim();
  if (!name) return 'empty';
  return name.length > TAG_NAME_MAX ? 'tooLong' : null;
}

/**
 * Refuses a name before asking the server: blank or too long (33003), or already the name of
 * another of the user's tags (33101). The seeds allow two tags of one name; a kit user could not tell
 * them apart in the tag bar, so the kit does not.
 */
function refuseName(state: KitState, tagName: string, tagId?: string): IAsyncRes<never> | null {
  const problem = tagNameProblem(tagName);
  if (problem)
    return {
      code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
      msg: problem === 'empty' ? 'tag name is empty' : `tag name over ${TAG_NAME_MAX} characters`,
    };
  const folded = tagName.trim().toLocaleLowerCase();
  const taken = state.tags.some((t) => t.tagId !== tagId && t.tagName.toLocaleLowerCase() === folded);
  return taken ? { code: ErrorCode.TAG_EXISTS, msg: `a tag is named ${tagName.trim()}` } : null;
}

/** The conversations of a tag (store keys); empty for an unknown tag. */
export function selectTagMembers(state: KitState, tagId: string): readonly ConversationKey[] {
  return state.tagMembers[tagId] ?? [];
}

/**
 * Unread messages in a tag's listed conversations, as the list's badges count them (muted ones only
 * with `includeMuted`): live with every message, where `getUnreadCountByTag` asks the server.
 */
export function selectTagUnreadCount(state: KitState, tagId: string, includeMuted = false): number {
  const members = new Set(selectTagMembers(state, tagId));
  return state.conversationList.reduce(
    (sum, c) => sum + (members.has(c.key) && (includeMuted || !isMuted(c)) ? c.unreadMessageCount : 0),
    0,
  );
}

/**
 * The tags slice: the user's tags and their conversations, loaded once connected and again when
 * another device changes them (TAG, CONVERSATION_TAG).
 */
export function createTagsSlice(port: StorePort) {
  /** The latest load: an older load that finishes later waits for it instead of applying. */
  let latest: Promise<void> | undefined;
  // The edits' bodies load on the first edit.
  const changes = lateActions((late) =>
    late.tagChanges(port, { conversationKey, refuseName, loadTags: (): Promise<void> => actions.loadTags() }),
  );
  const actions = {
    /** Reads the user's conversation tags again (the store does on connect and on TAG events). */
    loadTags(): Promise<void> {
      const load: Promise<void> = fetchTags(port).then((change) => {
        if (latest !== load) return latest;
        if (change) port.set(change);
      });
      latest = load;
      return load;
    },
    /**
     * Creates a tag named `tagName` (trimmed; ≤ 15 characters, not another tag's name; at most 20
     * tags) with a generated id; resolves with the id.
     */
    createTag: changes('createTag'),
    /** Renames a tag (the seeds' `updateTag`), on every device; the same rules as `createTag` for the name. */
    renameTag: changes('renameTag'),
    /** Deletes a conversation tag on the server, for every device; its conversations stay listed. */
    removeTag: changes('removeTag'),
    /** Adds a conversation to a tag (`tagged` true) or takes it out; the tag bar follows at once. */
    setConversationTagged: changes('setConversationTagged'),
  };
  const reload = () => void actions.loadTags();
  return {
    actions,
    selectors: { selectTagMembers, selectTagUnreadCount },
    attach: (events) => {
      events.on('connected', reload);
      events.on('tag', reload);
      events.on('conversation_tag', reload);
      if (port.get().status === 'connected') reload();
    },
  } satisfies Slice;
}

/** The tags slice's actions. */
export type TagActions = ReturnType<typeof createTagsSlice>['actions'];

/** `store.createTag(tagName, tagId?)` as a function of the store. */
export const createTag = onStore<TagActions, 'createTag'>('createTag');
/** `store.renameTag(tagId, tagName)` as a function of the store. */
export const renameTag = onStore<TagActions, 'renameTag'>('renameTag');
/** `store.removeTag(tagId)` as a function of the store. */
export const removeTag = onStore<TagActions, 'removeTag'>('removeTag');
/** `store.setConversationTagged(tagId, conversation, tagged)` as a function of the store. */
export const setConversationTagged = onStore<TagActions, 'setConversationTagged'>('setConversationTagged');
