/** The second step of the conversation menu's "Tags…": one checkable item per tag of the user. */
import type { KitStore } from '../../services/store/store.js';
import { selectTagMembers } from '../../services/store/tags.js';
import type { KitConversation } from '../../services/store/types.js';
import type { MenuItem } from '../menu/menu.js';

/** Items that add `conversation` to a tag or take it out; checked where it is in the tag. */
export function tagMenuItems(store: KitStore | undefined, conversation: KitConversation): MenuItem[] {
  if (!store) return [];
  return store.state.tags.map((tag) => {
    const tagged = selectTagMembers(store.state, tag.tagId).includes(conversation.key);
    return {
      id: `tag-${tag.tagId}`,
      label: tag.tagName,
      checked: tagged,
      run: () => void store.setConversationTagged(tag.tagId, conversation, !tagged),
    };
  });
}
