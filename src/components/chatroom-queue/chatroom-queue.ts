import { nothing } from 'lit';
import { selectOpenChatroom } from '../../services/store/index.js';
import { ErrorLineController, errorLineStyles } from '../shared/error-line.js';
import { KitElement } from '../shared/kit-element.js';
import { LazyPart, whenIdle } from '../shared/lazy-part.js';
import { userDisplayName } from '../shared/names.js';
import { hostStyles } from '../shared/shared.styles.js';
import { StoreController } from '../shared/store-controller.js';
import type { QueuePanel, QueueView } from './queue-panel.js';

/**
 * Parley: the mic queue of the open chatroom (seeds 003), for apps that run one (a live show's
 * speakers, a call-in line). It lists the entries in order with their owner's name (from the
 * profile service), the entry's key and value, follows every change the room announces, and offers
 * the current user "Join the queue" (an entry under their user id that leaves with them when they
 * leave the room) or "Leave the queue". Nothing shows while no chatroom is open.
 *
 * Optional and separate from `<message-list>`: an app puts it where its layout wants (beside the chat,
 * under the stage). The element is defined with the others; what it shows of a room (queue-panel.ts)
 * loads when the browser is idle after it connects, or with the first open room, and `updateComplete`
 * waits for it. An app that never places one never loads that part.
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
  static override styles = [hostStyles, errorLineStyles];

  readonly #room = new StoreController(this, selectOpenChatroom);
  readonly #users = new StoreController(this, (s) => s.users);
  readonly #me = new StoreController(this, (s) => s.userId);
  readonly #error = new ErrorLineController(this);
  readonly #panel = new LazyPart<QueuePanel>(this, async () => {
    const module = await import('./queue-panel.js');
    return { part: new module.QueuePanel(this), styles: module.chatroomQueueStyles };
  });
  /** The panel's load under way, started by a render: `updateComplete` waits for it. */
  #loading: Promise<unknown> | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    whenIdle(() => void this.#panel.get());
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    if (!this.#loading || this.#panel.current) return done;
    await this.#loading;
    return super.getUpdateComplete();
  }

  protected override updated(): void {
    const view = this.#view();
    if (view) this.#panel.current?.fetch(view);
  }

  override render() {
    const view = this.#view();
    if (!view) return nothing;
    const panel = this.#panel.current;
    if (panel) return panel.render(view);
    this.#loading ??= this.#panel.get().then(
      () => this.requestUpdate(),
      () => (this.#loading = null),
    );
    return nothing;
  }

  /** What the panel shows: nothing while no chatroom is open. */
  #view(): QueueView | null {
    const room = this.#room.value;
    if (!room) return null;
    return {
      room,
      users: this.#users.value ?? {},
      me: this.#me.value ?? undefined,
      store: this.kitStore,
      t: (key, options) => this.i18n.t(key, options),
      error: this.#error,
      displayName: userDisplayName,
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chatroom-queue': ChatroomQueue;
  }
}
