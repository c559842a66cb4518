/**
 * What `<chatroom-queue>` shows of an open room: the entries in order, "Join the queue" or "Leave the
 * queue", and the queue's first fetch once the user is in. Loaded when the element is idle after
 * connecting, or with the first open room (chatroom-queue.ts); what it uses of the first screen's
 * modules comes in `QueueView`, since importing them would split them into a shared chunk.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ErrorCode } from '../../protocol/constants.js';
import type { UserProfile } from '../../services/profile/types.js';
import type { ChatroomQueueEntry, ChatroomView, KitStore } from '../../services/store/index.js';

export { chatroomQueueStyles } from './chatroom-queue.styles.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What the panel reads from its element at each render and update. */
export interface QueueView {
  room: ChatroomView;
  users: Readonly<Record<string, UserProfile>>;
  me: string | undefined;
  store: KitStore | undefined;
  t: Translate;
  /** The element's error line. */
  error: { show(text: string): void; render(): TemplateResult | typeof nothing };
  /** A user's display name (`names.ts`). */
  displayName(userId: string, users: Readonly<Record<string, UserProfile>>): string;
}

export class QueuePanel {
  readonly #host: ReactiveControllerHost;
  /** A join or leave in flight. */
  #busy = false;
  /** The queue's first fetch in flight. */
  #loading = false;
  /** The room whose load failed: not asked again until another room opens. */
  #failedKey: string | null = null;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** Fetches the room's queue once the user is in; call after each update. */
  fetch(view: QueueView): void {
    const { room, store } = view;
    // Another room opened: its queue gets its own try.
    if (this.#failedKey && this.#failedKey !== room.key) this.#failedKey = null;
    if (!store || room.status !== 'joined' || room.queue || this.#loading || this.#failedKey === room.key) return;
    // No re-render of its own: the fetched queue arrives through the store.
    this.#loading = true;
    void store.loadChatroomQueue(room.chatroomId).then((code) => {
      this.#loading = false;
      if (code === ErrorCode.SUCCESS) return;
      this.#failedKey = room.key;
      view.error.show(view.t('chatroomQueue.loadFailed', { code }));
    });
  }

  render(view: QueueView): TemplateResult {
    const { room, t } = view;
    const queue = room.queue ?? [];
    return html`<section class="base" part="base" aria-labelledby="title">
      <h2 class="title" part="title" id="title" aria-label=${t('chatroomQueue.label', { count: queue.length })}>
        ${t('chatroomQueue.title')} <span class="count">${queue.length}</span>
      </h2>
      ${room.queue && queue.length === 0 ? html`<p class="empty" part="empty">${t('chatroomQueue.empty')}</p>` : nothing}
      ${queue.length ? html`<ol class="list" part="list">${queue.map((entry, i) => this.#entry(view, entry, i))}</ol>` : nothing}
      ${view.error.render()} ${this.#action(view, queue)}
    </section>`;
  }

  #entry(view: QueueView, entry: ChatroomQueueEntry, index: number) {
    const mine = !!entry.userId && entry.userId === view.me;
    const name = entry.userId ? view.displayName(entry.userId, view.users) : view.t('chatroomQueue.app');
    return html`<li class="entry" part="entry" ?data-mine=${mine} data-key=${entry.key}>
      <span class="position" part="position" aria-hidden="true">${index + 1}</span>
      <span class="name" part="name">${name}</span>
      ${entry.value ? html`<span class="value" part="value">${entry.value}</span>` : nothing}
    </li>`;
  }

  /** Join or Leave for the current user; nothing while the user may not send (the server refuses a muted offer). */
  #action(view: QueueView, queue: readonly ChatroomQueueEntry[]) {
    const { room, me, t } = view;
    if (room.status !== 'joined' || !room.queue) return nothing;
    if (me && queue.some((e) => e.userId === me)) {
      return html`<button class="action leave" part="leave-button" type="button" ?disabled=${this.#busy} @click=${() => this.#change(view, 'leave')}>
        ${t('chatroomQueue.leave')}
      </button>`;
    }
    if (room.restrictions.length > 0) return nothing;
    return html`<button class="action join" part="join-button" type="button" ?disabled=${this.#busy} @click=${() => this.#change(view, 'join')}>
      ${t('chatroomQueue.join')}
    </button>`;
  }

  async #change(view: QueueView, what: 'join' | 'leave'): Promise<void> {
    const store = view.store;
    if (!store || this.#busy) return;
    this.#busy = true;
    this.#host.requestUpdate();
    try {
      const code = what === 'join' ? await store.joinChatroomQueue() : await store.leaveChatroomQueue();
      if (code !== ErrorCode.SUCCESS) view.error.show(view.t('chatroomQueue.failed', { code }));
    } finally {
      this.#busy = false;
      this.#host.requestUpdate();
    }
  }
}
