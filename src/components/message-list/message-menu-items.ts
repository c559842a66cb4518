/**
 * The message menu's built-in items and what they run (copy, delete, quote, forward, recall, react).
 * Loaded when the browser is idle after a message list connects, or by the first menu opened; what
 * they use of the first screen's modules comes in `MenuHelpers` (message-menu.ts).
 */
import type { IConversationOption } from '../../services/client/types.js';
import type { KitMessage } from '../../services/store/index.js';
import type { BuiltInMenuItem } from '../menu/menu.js';
import type { MenuHelpers, MessageMenuHost } from './message-menu.js';
import '../../i18n/features/message-menu.js';

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard permission (insecure context, headless): the selection route still works.
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

/** Forwards `message` to the conversations the app returns (first five), and announces the result. */
async function forwardMessage(host: MessageMenuHost, h: MenuHelpers, message: KitMessage): Promise<void> {
  const store = host.kitStore;
  const callback = host.forwardList?.callback;
  if (!store || typeof callback !== 'function') return;
  let targets: IConversationOption[] | null | undefined;
  try {
    targets = await callback(message);
  } catch (error) {
    console.error('[parley] forwardList.callback threw', error);
  }
  const list = (Array.isArray(targets) ? targets : []).slice(0, h.MAX_FORWARD_TARGETS);
  if (list.length === 0) return;
  const results = await Promise.all(
    list.map((conversation) =>
      store.sendMessage(conversation, { messageType: message.messageType, content: message.content }),
    ),
  );
  const ok = results.filter((r) => r.code === 0).length;
  host.announce(ok === list.length ? host.t('menu.forwarded', { count: ok }) : host.t('menu.forwardFailed'));
  host.focusEditor();
}

/** Whether a message is someone's words (not a notice) that the server stored. */
function isStoredUserMessage(h: MenuHelpers, m: KitMessage): boolean {
  return m.sendState === 'sent' && !!m.messageUId && !h.NOTICE_TYPES.has(m.messageType);
}

/** Recalls `message`; a refusal is shown to the user, saying why when the code tells. */
async function recall(host: MessageMenuHost, h: MenuHelpers, message: KitMessage): Promise<void> {
  const res = await host.kitStore?.recallMessage(message);
  if (res && res.code !== 0)
    host.showError(host.t(h.recallRefusalKey(res.code, message, host.serverRecallWindow), { code: res.code }));
}

/** Deletes `message` for this user; a refusal is shown to the user. */
async function remove(host: MessageMenuHost, message: KitMessage): Promise<void> {
  const res = await host.kitStore?.deleteMessage(message);
  if (res && res.code !== 0) host.showError(host.t('message.deleteFailed', { code: res.code }));
}

/**
 * The built-in message menu items, in menu order: copy, delete, quote, forward, recall (the seeds'
 * order after Parley's copy), then Parley's React. Quote, and Forward once it is done, move focus to
 * the editor's input, where the user goes on writing. Recall shows only for own messages inside the
 * recall window; React only for messages sent expandable.
 */
export function messageMenuItems(host: MessageMenuHost, h: MenuHelpers): BuiltInMenuItem<KitMessage>[] {
  const { DisabledMessageContextMenu, messageText } = h;
  return [
    {
      id: DisabledMessageContextMenu.Copy,
      label: 'menu.copy',
      when: (m) => messageText(m) !== '',
      run: (m) => void copyText(messageText(m)),
    },
    {
      id: DisabledMessageContextMenu.Delete,
      label: 'menu.deleteMessage',
      when: (m) => m.sendState !== 'sending',
      run: (m) => void remove(host, m),
    },
    {
      id: DisabledMessageContextMenu.Reference,
      label: 'menu.reference',
      when: (m) => isStoredUserMessage(h, m),
      movesFocus: true,
      run: (m) => {
        host.kitStore?.setQuote(h.conversationKey(m), m);
        host.focusEditor();
      },
    },
    {
      id: DisabledMessageContextMenu.Forward,
      label: 'menu.forward',
      when: (m) =>
        typeof host.forwardList?.callback === 'function' &&
        h.FORWARDABLE_TYPES.has(m.messageType) &&
        m.sendState === 'sent',
      run: (m) => void forwardMessage(host, h, m),
    },
    {
      id: DisabledMessageContextMenu.Recall,
      label: 'menu.recall',
      when: (m) => isStoredUserMessage(h, m) && h.isRecallable(m, host.recallDuration),
      run: (m) => void recall(host, h, m),
    },
    {
      id: DisabledMessageContextMenu.React,
      label: 'menu.react',
      when: (m) => h.canReact(m) && !h.NOTICE_TYPES.has(m.messageType),
      run: () => undefined,
      submenu: (m) => reactionItems(host, h, m),
    },
  ];
}

/** The second step of "React": one checkable item per emoji, checked where the user has reacted. */
function reactionItems(host: MessageMenuHost, h: MenuHelpers, message: KitMessage) {
  const userId = host.kitStore?.state.userId ?? '';
  return h.REACTIONS.map((emoji, index) => ({
    id: `react-${index}`,
    label: host.t('reactions.add', { emoji }),
    checked: message.expansion?.[h.reactionKey(index, userId)] !== undefined,
    run: () => void host.kitStore?.toggleReaction(message, emoji),
  }));
}
