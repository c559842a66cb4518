/** The kit store's options, and how the store resolves them (defaults applied, ranges clamped). */
import { Limits } from '../../protocol/constants.js';
import type { IReceivedConversation } from '../client/types.js';
import type { CustomMessage } from '../custom-message.js';
import type { IMKitService } from '../profile/types.js';
import type { KitClient } from './client-port.js';
import type { KitClock } from './clock.js';

/** Hides conversations from the list (the seeds' `customIntercept`). */
export interface CustomIntercept {
  /** Return true to hide the conversation. */
  interceptConversation?(conversation: IReceivedConversation): boolean;
}

export interface KitStoreOptions {
  client: KitClient;
  service?: IMKitService;
  /** Conversations fetched per `loadConversations` (seeds: default 30, 1–1000). */
  conversationPullCount?: number;
  /** Messages per history page (1–100, default 20). */
  historyPageSize?: number;
  /** Parley: messages a chatroom join pulls (1–50, −1 none, 0 = 10); default the history page size up to 50. */
  chatroomJoinCount?: number;
  customIntercept?: CustomIntercept;
  /** HTML renderers of custom message types; the elements read them from here. */
  customMessage?: CustomMessage;
  /** Whether the user can see the page; new messages in the open conversation are read only then. */
  isVisible?: () => boolean;
  /** Parley: the time source of chatroom restrictions (default the system clock; tests move a fake one). */
  clock?: KitClock;
  /**
   * Parley: the server's per-connection send limit, which the outgoing queue paces under (default
   * the seeds' 5 a second; 0 sends as fast as the server answers). See `outbox.ts`.
   */
  sendRatePerSecond?: number;
}

/** The options the store's modules read, as the store resolved them (slices' contexts name it). */
export interface StoreSettings {
  readonly conversationPullCount: number;
  readonly historyPageSize: number;
  readonly customIntercept: CustomIntercept | undefined;
  readonly isVisible: () => boolean;
  readonly sendRatePerSecond: number;
}

function clamp(value: number | undefined, min: number, max: number, fallback: number): number {
  return Number.isInteger(value) ? Math.min(max, Math.max(min, value!)) : fallback;
}

/**
 * Applies the defaults and ranges to the options the store's modules read.
 * @internal
 */
export function resolveSettings(options: KitStoreOptions): StoreSettings {
  return Object.freeze({
    conversationPullCount: clamp(options.conversationPullCount, 1, 1000, 30),
    historyPageSize: clamp(options.historyPageSize, 1, 100, 20),
    customIntercept: options.customIntercept,
    isVisible: options.isVisible ?? (() => typeof document === 'undefined' || document.visibilityState !== 'hidden'),
    sendRatePerSecond: clamp(options.sendRatePerSecond, 0, 1000, Limits.SENDS_PER_SECOND),
  });
}
