/**
 * The conversation list's tag menus: the second step of a conversation's "Tags…" (one checkable
 * item per tag, then "New tag…") and the menu of a tag tab ("Rename…", "Delete tag", confirmed).
 */
import { selectTagMembers, setConversationTagged, type KitConversation, type KitStore, type KitTag } from '../../services/store/index.js';
import type { MenuItem } from '../menu/menu.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What the "Tags…" items run besides the store action. */
export interface TagMenuActions {
  /** Opens the "New tag" dialog. */
  newTag(): void;
  /** The server refused adding or removing the conversation (e.g. the tag was deleted meanwhile). */
  refused(code: number): void;
}

/**
 * Items that add `conversation` to a tag or take it out (checked where it is in the tag), then
 * "New tag…".
 */
export function tagMenuItems(store: KitStore | undefined, conversation: KitConversation, t: Translate, actions: TagMenuActions): MenuItem[] {
  if (!store) return [];
  const tags: MenuItem[] = store.state.tags.map((tag) => {
    const tagged = selectTagMembers(store.state, tag.tagId).includes(conversation.key);
    return {
      id: `tag-${tag.tagId}`,
      label: tag.tagName,
      checked: tagged,
      run: () =>
        void setConversationTagged(store, tag.tagId, conversation, !tagged).then((res) => {
          if (res.code !== 0) actions.refused(res.code);
        }),
    };
  });
  return [...tags, { id: 'tag-new', label: t('menu.newTag'), run: actions.newTag }];
}

/** The menu of a tag tab: "Rename…" and "Delete tag", which asks first. */
export function tagTabMenuItems(tag: KitTag, t: Translate, actions: { rename(): void; remove(): void }): MenuItem[] {
  return [
    { id: 'tag-rename', label: t('tags.rename'), run: actions.rename },
    {
      id: 'tag-delete',
      label: t('tags.delete'),
      run: actions.remove,
      submenu: () => [
        { id: 'tag-delete-confirm', label: t('tags.deleteConfirm', { name: tag.tagName }), run: actions.remove },
        { id: 'cancel', label: t('menu.cancel'), run: () => undefined },
      ],
    },
  ];
}
