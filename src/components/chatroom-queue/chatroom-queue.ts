import { html, nothing } from 'lit';
import { ErrorCode } from '../../protocol/error-codes.js';
import { selectOpenChatroom, type ChatroomQueueEntry, type ChatroomView } from '../../services/store/index.js';
import { ErrorLineController, errorLineStyles } from '../shared/error-line.js';
import { KitElement } from '../shared/kit-element.js';
import { userDisplayName } from '../shared/names.js';
import { hostStyles } from '../shared/shared.styles.js';
import { StoreController } from '../shared/store-controller.js';
import { chatroomQueueStyles } from './chatroom-queue.styles.js';

/**
 * Parley: the mic queue of the open chatroom (seeds 003), for apps that run one (a live show's
 * speakers, a call-in line). It lists the entries in order with their owner's name (from the
 * profile service), the entry's key and value, follows every change the room announces, and offers
 * the current user "Join the queue" (an entry under their user id that leaves with them when they
 * leave the room) or "Leave the queue". Nothing shows while no chatroom is open.
 *
 * Optional and separate from `<message-list>`: an app that has no queue never loads its code, and
 * one that has puts it where its layout wants (beside the chat, under the stage).
 *
 * @tagname chatroom-queue
 * @summary The open chatroom's mic queue, with join and leave buttons.
 *
 * @csspart base - The whole queue panel.
 * @csspart title - The heading with the number waiting.
 * @csspart list - The ordered list of entries.
 * @csspart entry - One entry (`data-mine` on the user's own).
 * @csspart position - The entry's place in the queue.
 * @csspart name - The owner's display name.
 * @csspart value - The entry's value (absent when empty).
 * @csspart empty - "Nobody is in the queue".
 * @csspart join-button - "Join the queue".
 * @csspart leave-button - "Leave the queue".
 * @csspart error - A refused join or leave.
 *
 * @cssproperty --chatroom-queue-background - Background of the panel (default `--parley-color-background`).
 * @cssproperty --chatroom-queue-entry-background - Background of an entry (default `--parley-color-surface`).
 * @cssproperty --chatroom-queue-mine-background - Background of the user's own entry (default `--parley-color-selected`).
 * @cssproperty --chatroom-queue-gap - Space between entries (default 0.375em).
 */
export class ChatroomQueue extends KitElement {
  static override styles = [hostStyles, errorLineStyles, chatroomQueueStyles];

  readonly #room = new StoreController(this, selectOpenChatroom);
  readonly #users = new StoreController(this, (s) => s.users);
  readonly #me = new StoreController(this, (s) => s.userId);
  readonly #error = new ErrorLineController(this);
  /** A join or leave in flight. */
  #busy = false;
  /** The queue's first fetch in flight. */
  #loading = false;
  /** The room whose load failed: not asked again until another room opens. */
  #failedKey: string | null = null;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    // Another room opened: its queue gets its own try.
    const key = this.#room.value?.key;
    if (this.#failedKey && this.#failedKey !== key) this.#failedKey = null;
  }

  protected override updated(): void {
    const room = this.#room.value;
    const store = this.kitStore;
    if (!store || !room || room.status !== 'joined' || room.queue || this.#loading || this.#failedKey === room.key)
      return;
    // No re-render of its own: the fetched queue arrives through the store.
    this.#loading = true;
    void store.loadChatroomQueue(room.chatroomId).then((code) => {
      this.#loading = false;
      if (code === ErrorCode.SUCCESS) return;
      this.#failedKey = room.key;
      this.#error.show(this.i18n.t('chatroomQueue.loadFailed', { code }));
    });
  }

  override render() {
    const room = this.#room.value;
    if (!room) return nothing;
    const queue = room.queue ?? [];
    const t = (key: string, options?: Record<string, unknown>) => this.i18n.t(key, options);
    return html`<section class="base" part="base" aria-labelledby="title">
      <h2 class="title" part="title" id="title" aria-label=${t('chatroomQueue.label', { count: queue.length })}>
        ${t('chatroomQueue.title')} <span class="count">${queue.length}</span>
      </h2>
      ${room.queue && queue.length === 0 ? html`<p class="empty" part="empty">${t('chatroomQueue.empty')}</p>` : nothing}
      ${queue.length ? html`<ol class="list" part="list">${queue.map((entry, i) => this.#entry(entry, i))}</ol>` : nothing}
      ${this.#error.render()} ${this.#action(room, queue)}
    </section>`;
  }

  #entry(entry: ChatroomQueueEntry, index: number) {
    const mine = !!entry.userId && entry.userId === this.#me.value;
    const name = entry.userId
      ? userDisplayName(entry.userId, this.#users.value ?? {})
      : this.i18n.t('chatroomQueue.app');
    return html`<li class="entry" part="entry" ?data-mine=${mine} data-key=${entry.key}>
      <span class="position" part="position" aria-hidden="true">${index + 1}</span>
      <span class="name" part="name">${name}</span>
      ${entry.value ? html`<span class="value" part="value">${entry.value}</span>` : nothing}
    </li>`;
  }

  /** Join or Leave for the current user; nothing while the user may not send (the server refuses a muted offer). */
  #action(room: ChatroomView, queue: readonly ChatroomQueueEntry[]) {
    if (room.status !== 'joined' || !room.queue) return nothing;
    const me = this.#me.value;
    if (me && queue.some((e) => e.userId === me)) {
      return html`<button class="action leave" part="leave-button" type="button" ?disabled=${this.#busy} @click=${() => this.#change('leave')}>
        ${this.i18n.t('chatroomQueue.leave')}
      </button>`;
    }
    if (room.restrictions.length > 0) return nothing;
    return html`<button class="action join" part="join-button" type="button" ?disabled=${this.#busy} @click=${() => this.#change('join')}>
      ${this.i18n.t('chatroomQueue.join')}
    </button>`;
  }

  async #change(what: 'join' | 'leave'): Promise<void> {
    await this.#run(async (store) => {
      const code = what === 'join' ? await store.joinChatroomQueue() : await store.leaveChatroomQueue();
      if (code !== ErrorCode.SUCCESS) this.#error.show(this.i18n.t('chatroomQueue.failed', { code }));
    });
  }

  async #run(work: (store: NonNullable<ChatroomQueue['kitStore']>) => Promise<void>): Promise<void> {
    const store = this.kitStore;
    if (!store || this.#busy) return;
    this.#busy = true;
    this.requestUpdate();
    try {
      await work(store);
    } finally {
      this.#busy = false;
      this.requestUpdate();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chatroom-queue': ChatroomQueue;
  }
}
