/**
 * The message list's context menu: the recall window and forwarding limits. The built-in items
 * themselves (message-menu-items.ts) load when the browser is idle after the list connects, or with
 * the first menu opened; `MENU_HELPERS` hands them what they use of the first screen's modules.
 */
import { MessageDirection, MessageType, ErrorCode } from '../../protocol/constants.js';
import type { IConversationOption, IReceivedMessage } from '../../services/client/types.js';
import {
  REACTIONS,
  canReact,
  conversationKey,
  reactionKey,
  type KitMessage,
  type KitStore,
} from '../../services/store/index.js';
import { NOTICE_TYPES } from './renderers/index.js';
import { DisabledMessageContextMenu } from '../menu/disabled-menu.js';
import { messageText } from '../shared/format.js';

/** The seeds' `forwardList`: `callback(message)` returns the conversations to forward to. */
export interface ForwardList {
  callback: (message: IReceivedMessage) => IConversationOption[] | Promise<IConversationOption[]> | undefined | null;
}

/** Seeds: at most 5 target conversations per forward. */
export const MAX_FORWARD_TARGETS = 5;
/** Seeds: text, image and file messages can be forwarded. */
export const FORWARDABLE_TYPES: ReadonlySet<string> = new Set<string>([
  MessageType.TEXT,
  MessageType.IMAGE,
  MessageType.FILE,
]);
/** Seeds: the default recall window, seconds (`maxRecallDuration` 0 means this). */
export const DEFAULT_RECALL_DURATION = 120;

/** Whether an own, sent message is still inside the recall window (`seconds` ≤ 0 = the default). */
export function isRecallable(message: KitMessage, seconds: number, now = Date.now()): boolean {
  const window = (seconds > 0 ? seconds : DEFAULT_RECALL_DURATION) * 1000;
  return (
    message.messageDirection === MessageDirection.SEND &&
    message.sendState === 'sent' &&
    now - message.sentTime <= window
  );
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

/**
 * What a refused recall tells the user (an i18n key): 25107 — the server lets only the sender
 * recall; 25101 past the server's window — too late; anything else — the code.
 */
export function recallRefusalKey(
  code: number,
  message: Pick<KitMessage, 'sentTime'>,
  serverWindowSeconds: number,
  now = Date.now(),
): string {
  if (code === ErrorCode.RECALL_MESSAGE_USER_INVALID) return 'message.recallNotAllowed';
  const late = serverWindowSeconds > 0 && now - message.sentTime > serverWindowSeconds * 1000;
  return code === ErrorCode.RECALL_MESSAGE && late ? 'message.recallTooLate' : 'message.recallFailed';
}

/** Milliseconds until an own message leaves the recall window (≤ 0 once it has). */
export function recallTimeLeft(message: KitMessage, seconds: number, now = Date.now()): number {
  return (seconds > 0 ? seconds : DEFAULT_RECALL_DURATION) * 1000 - (now - message.sentTime);
}

/** What the built-in items use of the first screen's modules (an import would split those into a shared chunk). */
export const MENU_HELPERS = {
  conversationKey,
  NOTICE_TYPES,
  DisabledMessageContextMenu,
  messageText,
  canReact,
  REACTIONS,
  reactionKey,
  isRecallable,
  recallRefusalKey,
  FORWARDABLE_TYPES,
  MAX_FORWARD_TARGETS,
};
export type MenuHelpers = typeof MENU_HELPERS;

/** The built-in items' module, imported once. */
export function loadMessageMenuItems(): Promise<typeof import('./message-menu-items.js')> {
  return import('./message-menu-items.js');
}
