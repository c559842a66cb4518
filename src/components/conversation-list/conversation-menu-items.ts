/**
 * The conversation list's built-in menu items, in menu order: pin/unpin, mute/unmute, clear history,
 * tags, delete. Clear history and delete are confirmed in a dialog with destructive styling; each pair
 * is hidden together by one `disableMenu` value.
 */
import type { IAsyncRes } from '../../services/client/types.js';
import type { isMuted, KitConversation, KitStore } from '../../services/store/index.js';
import type { DisabledConversationontextMenu } from '../menu/disabled-menu.js';
import type { BuiltInMenuItem, MenuConfirm, MenuItem } from '../menu/menu.js';
import '../../i18n/features/conversation-menu.js';

/** What the items use of the conversation list. */
export interface ConversationMenuHost {
  store(): KitStore | undefined;
  /** Tells the user when the server refused the action. */
  report(pending: Promise<IAsyncRes<unknown>> | undefined): void;
  /** The texts of the confirmation of a destructive item. */
  confirm(item: 'clearHistory' | 'deleteConversation', conversation: KitConversation): Omit<MenuConfirm, 'cancel'>;
  /** The "Tags…" submenu of a conversation. */
  tagItems(conversation: KitConversation): Promise<MenuItem[]>;
  deleteConversation(conversation: KitConversation): void;
}

/** What the items use of the first screen's modules (an import would split those into a shared chunk). */
export interface ConversationMenuHelpers {
  isMuted: typeof isMuted;
  DisabledConversationontextMenu: typeof DisabledConversationontextMenu;
}

export function conversationMenuItems(
  host: ConversationMenuHost,
  { isMuted, DisabledConversationontextMenu }: ConversationMenuHelpers,
): BuiltInMenuItem<KitConversation>[] {
  const store = () => host.store();
  return [
    {
      id: DisabledConversationontextMenu.Top,
      label: 'menu.top',
      when: (c) => !c.isTop && !c.local,
      run: (c) => host.report(store()?.setConversationTop(c, true)),
    },
    {
      id: DisabledConversationontextMenu.Top,
      label: 'menu.cancelTop',
      when: (c) => c.isTop && !c.local,
      run: (c) => host.report(store()?.setConversationTop(c, false)),
    },
    {
      id: DisabledConversationontextMenu.Notification,
      label: 'menu.mute',
      when: (c) => !isMuted(c) && !c.local,
      run: (c) => host.report(store()?.setConversationMuted(c, true)),
    },
    {
      id: DisabledConversationontextMenu.Notification,
      label: 'menu.unmute',
      when: (c) => isMuted(c) && !c.local,
      run: (c) => host.report(store()?.setConversationMuted(c, false)),
    },
    {
      id: DisabledConversationontextMenu.ClearHistory,
      label: 'menu.clearHistory',
      when: (c) => !c.local,
      run: (c) => host.report(store()?.clearHistory(c)),
      confirmDialog: (c) => host.confirm('clearHistory', c),
    },
    {
      id: DisabledConversationontextMenu.Tags,
      label: 'menu.tags',
      when: (c) => !c.local,
      run: () => undefined,
      submenu: (c) => host.tagItems(c),
    },
    {
      id: DisabledConversationontextMenu.Delete,
      label: 'menu.deleteConversation',
      run: (c) => host.deleteConversation(c),
      confirmDialog: (c) => host.confirm('deleteConversation', c),
    },
  ];
}
