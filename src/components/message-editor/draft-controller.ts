import type { ReactiveController } from 'lit';
import { ConversationType } from '../../protocol/constants.js';
import {
  findConversation,
  loadDraft,
  parseConversationKey,
  saveDraft,
  sendTyping,
  type ConversationKey,
} from '../../services/store/index.js';
import type { StoreHost } from '../shared/store-controller.js';

/** How long typing must pause before the draft is saved (ms). */
export const DRAFT_IDLE_MS = 1500;
/** At most one typing status per conversation in this window (ms); the client throttles to 6 s too. */
export const TYPING_INTERVAL_MS = 5000;

/** What the draft controller needs from the editor. */
export interface DraftHost extends StoreHost {
  /** The text in the input. */
  value: string;
}

/**
 * Synced drafts and typing status of the editor. Drafts are saved on the server (so they show on the
 * user's other devices and survive a reload) when the user leaves a conversation, after a short pause
 * in typing and when the editor goes away; opening a conversation restores its draft (from the
 * conversation, then from the server); sending clears it. A draft changed on another device (saved,
 * or cleared by a send there) replaces the text of the open conversation while the user is not typing
 * here: the input is not focused and is empty or still holds the last synced draft. While the user
 * types a non-blank text in a private conversation, a typing status goes out at most every few seconds.
 */
export class DraftController implements ReactiveController {
  readonly #host: DraftHost;
  #key: ConversationKey | null = null;
  /** What the server holds per conversation, as far as this editor knows. */
  readonly #saved = new Map<ConversationKey, string>();
  /** Texts typed here, so switching back shows them before the server answers. */
  readonly #local = new Map<ConversationKey, string>();
  /** The open conversation's draft in the conversation list when last looked at. */
  #seenRemote: string | undefined;
  #idle: ReturnType<typeof setTimeout> | undefined;
  #lastTyping = 0;
  readonly #inputFocused: () => boolean;

  /** `inputFocused` tells whether the user is in the text input (then nothing typed there is replaced). */
  constructor(host: DraftHost, inputFocused: () => boolean) {
    this.#host = host;
    this.#inputFocused = inputFocused;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#flush();
    this.#key = null;
  }

  /** Call from `willUpdate`: follows the open conversation, saving the one left and restoring the new one. */
  follow(key: ConversationKey | null): void {
    if (key === this.#key) return;
    this.#flush();
    this.#key = key;
    const store = this.#host.kitStore;
    if (!key || !store) {
      this.#host.value = '';
      return;
    }
    const fromList = findConversation(store.state, key)?.draft;
    this.#seenRemote = fromList;
    const shown = this.#local.get(key) ?? fromList ?? '';
    this.#host.value = shown;
    if (!this.#saved.has(key) && typeof fromList === 'string') this.#saved.set(key, fromList);
    if (this.#local.has(key)) return;
    void loadDraft(store, key).then((draft) => {
      if (draft === null) return;
      this.#saved.set(key, draft);
      // Only when the user has not started typing meanwhile.
      if (this.#key === key && this.#host.value === shown && draft !== shown) this.#host.value = draft;
    });
  }

  /**
   * Call from `willUpdate` with the open conversation's draft as the conversation list has it (it
   * follows the user's other devices): a changed one replaces the text unless the user is typing here.
   */
  adopt(remote: string | undefined): void {
    const key = this.#key;
    if (!key || remote === undefined || remote === this.#seenRemote) return;
    this.#seenRemote = remote;
    const saved = this.#saved.get(key) ?? '';
    // Our own save coming back, or the user is writing here: leave the text alone.
    if (remote === saved || this.#inputFocused()) return;
    const value = this.#host.value;
    if (value.trim() !== '' && value !== saved) return;
    clearTimeout(this.#idle);
    this.#saved.set(key, remote);
    this.#local.delete(key);
    this.#host.value = remote;
  }

  /** Call on every input: remembers the text, schedules the draft save and sends typing status. */
  onInput(): void {
    const key = this.#key;
    const store = this.#host.kitStore;
    if (!key || !store) return;
    this.#local.set(key, this.#host.value);
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => this.#flush(), DRAFT_IDLE_MS);
    if (!this.#host.value.trim() || parseConversationKey(key).conversationType !== ConversationType.PRIVATE) return;
    const now = Date.now();
    if (now - this.#lastTyping < TYPING_INTERVAL_MS) return;
    this.#lastTyping = now;
    sendTyping(store, key);
  }

  /** Call after a send: the draft of the open conversation is cleared here and on the server. */
  onSent(): void {
    const key = this.#key;
    const store = this.#host.kitStore;
    clearTimeout(this.#idle);
    this.#lastTyping = 0;
    if (!key || !store) return;
    this.#local.delete(key);
    if ((this.#saved.get(key) ?? '') !== '' || store.state.conversationList.find((c) => c.key === key)?.draft) {
      this.#saved.set(key, '');
      void saveDraft(store, key, '');
    }
  }

  /** Saves the open conversation's text when it differs from what the server holds. */
  #flush(): void {
    clearTimeout(this.#idle);
    const key = this.#key;
    const store = this.#host.kitStore;
    if (!key || !store || !this.#local.has(key)) return;
    const text = this.#local.get(key)!.trim() ? this.#local.get(key)! : '';
    if (text === (this.#saved.get(key) ?? '')) return;
    this.#saved.set(key, text);
    void saveDraft(store, key, text);
  }
}
