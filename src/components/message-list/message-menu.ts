/** The message list's context menu: built-in items, forwarding and the recall window. */
import { MessageDirection, MessageType } from '../../protocol/enums.js';
import { ErrorCode } from '../../protocol/error-codes.js';
import type { IConversationOption, IReceivedMessage } from '../../services/client/types.js';
import { REACTIONS, canReact, conversationKey, reactionKey, type KitMessage, type KitStore } from '../../services/store/index.js';
import { NOTICE_TYPES } from './renderers/index.js';
import { DisabledMessageContextMenu } from '../menu/disabled-menu.js';
import type { BuiltInMenuItem } from '../menu/menu.js';
import { messageText } from '../shared/format.js';

/** The seeds' `forwardList`: `callback(message)` returns the conversations to forward to. */
export interface ForwardList {
  callback: (message: IReceivedMessage) => IConversationOption[] | Promise<IConversationOption[]> | undefined | null;
}

/** Seeds: at most 5 target conversations per forward. */
export const MAX_FORWARD_TARGETS = 5;
/** Seeds: text, image and file messages can be forwarded. */
export const FORWARDABLE_TYPES: ReadonlySet<string> = new Set<string>([MessageType.TEXT, MessageType.IMAGE, MessageType.FILE]);
/** Seeds: the default recall window, seconds (`maxRecallDuration` 0 means this). */
export const DEFAULT_RECALL_DURATION = 120;

/** Whether an own, sent message is still inside the recall window (`seconds` ≤ 0 = the default). */
export function isRecallable(message: KitMessage, seconds: number, now = Date.now()): boolean {
  const window = (seconds > 0 ? seconds : DEFAULT_RECALL_DURATION) * 1000;
  return message.messageDirection === MessageDirection.SEND && message.sendState === 'sent' && now - message.sentTime <= window;
}

/** What the built-in items need from the message list. */
export interface MessageMenuHost {
  readonly kitStore: KitStore | undefined;
  forwardList?: ForwardList;
  /** The recall window in seconds (the kit's, capped by the server's). */
  readonly recallDuration: number;
  /** The server's recall window in seconds (0: none, or not known). */
  readonly serverRecallWindow: number;
  announce(text: string): void;
  /** Shows a visible error (a refused recall or delete). */
  showError(text: string): void;
  /** Moves focus to the input of the kit's editor (after Quote, after Forward). */
  focusEditor(): void;
  t(key: string, options?: Record<string, unknown>): string;
}

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
export async function forwardMessage(host: MessageMenuHost, message: KitMessage): Promise<void> {
  const store = host.kitStore;
  const callback = host.forwardList?.callback;
  if (!store || typeof callback !== 'function') return;
  let targets: IConversationOption[] | null | undefined;
  try {
    targets = await callback(message);
  } catch (error) {
    console.error('[parley] forwardList.callback threw', error);
  }
  const list = (Array.isArray(targets) ? targets : []).slice(0, MAX_FORWARD_TARGETS);
  if (list.length === 0) return;
  const results = await Promise.all(
    list.map((conversation) => store.sendMessage(conversation, { messageType: message.messageType, content: message.content })),
  );
  const ok = results.filter((r) => r.code === 0).length;
  host.announce(ok === list.length ? host.t('menu.forwarded', { count: ok }) : host.t('menu.forwardFailed'));
  host.focusEditor();
}

/** Whether a message is someone's words (not a notice) that the server stored. */
function isStoredUserMessage(m: KitMessage): boolean {
  return m.sendState === 'sent' && !!m.messageUId && !NOTICE_TYPES.has(m.messageType);
}

/**
 * What a refused recall tells the user (an i18n key): 25107 — the server lets only the sender
 * recall; 25101 past the server's window — too late; anything else — the code.
 */
export function recallRefusalKey(code: number, message: Pick<KitMessage, 'sentTime'>, serverWindowSeconds: number, now = Date.now()): string {
  if (code === ErrorCode.RECALL_MESSAGE_USER_INVALID) return 'message.recallNotAllowed';
  const late = serverWindowSeconds > 0 && now - message.sentTime > serverWindowSeconds * 1000;
  return code === ErrorCode.RECALL_MESSAGE && late ? 'message.recallTooLate' : 'message.recallFailed';
}

/** Recalls `message`; a refusal is shown to the user, saying why when the code tells. */
async function recall(host: MessageMenuHost, message: KitMessage): Promise<void> {
  const res = await host.kitStore?.recallMessage(message);
  if (res && res.code !== 0) host.showError(host.t(recallRefusalKey(res.code, message, host.serverRecallWindow), { code: res.code }));
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
export function messageMenuItems(host: MessageMenuHost): BuiltInMenuItem<KitMessage>[] {
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
      when: isStoredUserMessage,
      movesFocus: true,
      run: (m) => {
        host.kitStore?.setQuote(conversationKey(m), m);
        host.focusEditor();
      },
    },
    {
      id: DisabledMessageContextMenu.Forward,
      label: 'menu.forward',
      when: (m) => typeof host.forwardList?.callback === 'function' && FORWARDABLE_TYPES.has(m.messageType) && m.sendState === 'sent',
      run: (m) => void forwardMessage(host, m),
    },
    {
      id: DisabledMessageContextMenu.Recall,
      label: 'menu.recall',
      when: (m) => isStoredUserMessage(m) && isRecallable(m, host.recallDuration),
      run: (m) => void recall(host, m),
    },
    {
      id: DisabledMessageContextMenu.React,
      label: 'menu.react',
      when: (m) => canReact(m) && !NOTICE_TYPES.has(m.messageType),
      run: () => undefined,
      submenu: (m) => reactionItems(host, m),
    },
  ];
}

/** The second step of "React": one checkable item per emoji, checked where the user has reacted. */
function reactionItems(host: MessageMenuHost, message: KitMessage) {
  const userId = host.kitStore?.state.userId ?? '';
  return REACTIONS.map((emoji, index) => ({
    id: `react-${index}`,
    label: host.t('reactions.add', { emoji }),
    checked: message.expansion?.[reactionKey(index, userId)] !== undefined,
    run: () => void host.kitStore?.toggleReaction(message, emoji),
  }));
}

/** Milliseconds until an own message leaves the recall window (≤ 0 once it has). */
export function recallTimeLeft(message: KitMessage, seconds: number, now = Date.now()): number {
  return (seconds > 0 ? seconds : DEFAULT_RECALL_DURATION) * 1000 - (now - message.sentTime);
}
