import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { mainRestriction, selectTyping, type KitMessage } from '../../services/store/index.js';
import { avatarStyles } from '../avatar/avatar.js';
import { DisabledMessageContextMenu } from '../menu/disabled-menu.js';
import type { CustomMenuItem } from '../menu/menu.js';
import { ErrorLineController, errorLineStyles, StatusLineController } from '../shared/error-line.js';
import { kitEvent } from '../shared/events.js';
import { KitElement } from '../shared/kit-element.js';
import { conversationDisplay } from '../shared/names.js';
import { hostStyles } from '../shared/shared.styles.js';
import { StoreController } from '../shared/store-controller.js';
import type { MessageItemContext } from './message-item.js';
import { messageKey, renderLogContent, RowKeys } from './message-rows.js';
import { ItemContextCache } from './item-context.js';
import { logKeydownHandler } from './log-keyboard.js';
import { MessageContextMenu } from './message-context-menu.js';
import { messageListStyles } from './message-list.styles.js';
import { messageListNarrowStyles } from './message-list.narrow.styles.js';
import { rendererStyles } from './renderers/renderers.styles.js';
import { LateBubblesController } from './renderers/late-bubbles.js';
import { typingIndicatorStyles } from './indicators/typing-indicator.js';
import { ConversationHeader, conversationHeaderStyles } from './conversation-header.js';
import { ReadersController, readReceiptStyles } from './indicators/read-receipt.js';
import { HistoryPillsController } from './indicators/history-pills.js';
import { ScrollController } from './scroll-controller.js';
import { DEFAULT_RECALL_DURATION, type ForwardList, type MessageMenuHost } from './message-menu.js';
import { ChatroomHeader, isMemberNotice } from './chatroom-header.js';
import { TickController } from '../shared/tick-controller.js';
import { MessageTapDefaults } from './tap-defaults.js';

/**
 * The open conversation's messages, oldest at the top. Opens at the newest message, follows new
 * messages while the reader is at the bottom, and loads older history when scrolled to the top.
 *
 * @tagname message-list
 * @summary Message list of the selected conversation.
 *
 * @event {TapMessageEvent} tapMessage - A media message (image, file, ...) was clicked; `detail` is the message. Cancelable: unless the app calls `preventDefault()`, an image opens in the kit's image viewer and a file downloads.
 *
 * Arrow keys, Home and End move between messages (loaded ones outside the view included); the
 * context-menu key or Shift+F10 opens a message's menu. Long logs are virtualised: only the messages
 * in view (plus a margin) are in the DOM, each row says its place with `aria-posinset`/`aria-setsize`.
 *
 * @csspart header - The bar with the conversation's name.
 * @csspart member-count - A group's member count beside its name ("(4)"); in a chatroom (Parley), how many are in the room.
 * @csspart leave-button - Chatroom header: leaves the room.
 * @csspart room-notice - Chatroom: the bar saying the room ended or the user was removed/blocked (until when).
 * @csspart room-announcement - Chatroom (Parley): the room's announcement under the header, two lines at most (full text in its tooltip).
 * @csspart room-closed - Chatroom (Parley): the note that the room is closed to newcomers.
 * @csspart rejoin-button - Chatroom notice bar: joins the room again.
 * @csspart member-notice - Chatroom: a "joined"/"left" row (also `notice`).
 * @csspart log - The scrolling message log.
 * @csspart message - One message row; own messages also have `own-message`.
 * @csspart own-message - One of the user's own message rows (also `message`).
 * @csspart avatar - A sender's picture or initials.
 * @csspart sender - A sender's name.
 * @csspart bubble - A message's content.
 * @csspart meta - Time and send state.
 * @csspart retry-button - Resends a failed message.
 * @csspart discard-button - Deletes a failed (unsent) own message.
 * @csspart waiting - "Waiting for connection" under a message queued while offline.
 * @csspart dropped - "Not delivered" under an own chatroom message the server dropped under load.
 * @csspart notice - A notification line (recall, group notices, `notifyMessage` renderers).
 * @csspart custom-bubble - The bubble of a custom message drawn by a `userMessage` renderer (also `bubble`).
 * @csspart typing - "typing…" in the header while someone types in the open conversation.
 * @csspart receipt - "Read" / "Unread" (private) or the "N read" button (group, also `read-count`) of an own message.
 * @csspart read-count - The "N read" button of an own group message (also `receipt`): opens the reader list.
 * @csspart readers - The list of members who read a group message.
 * @csspart unread-pill - "↑ N unread messages": jumps to the first unread message.
 * @csspart new-messages-pill - "↓ N new messages" while scrolled up, or "↓ Jump to newest" while far above the newest: scrolls to the newest.
 * @csspart unread-divider - "New messages": the line above the message that was the first unread when the conversation was opened.
 * @csspart error - A refused action (recall, delete), shown for a few seconds.
 * @csspart quote - The quoted message inside a reply's bubble.
 * @csspart file - A file card (type icon, name, size).
 * @csspart audio - A voice message's (hidden) audio element.
 * @csspart voice-button - A voice message's play/pause button.
 * @csspart link - A link in a text message (http, https and mail addresses only).
 * @csspart mention - An @mention in a text or reply (from the message's `mentionedInfo`).
 * @csspart mention-me - An @mention of the viewer, or @all (also `mention`).
 * @csspart separator - A centred time line: a new day, or a pause of more than 5 minutes.
 * @csspart video - A short video's player.
 * @csspart reactions - The row of emoji reactions under a bubble.
 * @csspart reaction - One emoji's reaction button with its count.
 * @csspart menu - The context menu.
 * @csspart menu-item - One item of the context menu.
 * @csspart image-viewer - Parley: the image viewer a tapped image opens (a modal `<dialog>`).
 * @csspart image-viewer-image - The picture in the viewer, zoomed to fit the viewport.
 * @csspart image-viewer-close - The viewer's Close button.
 * @csspart placeholder - "Select a conversation", while none is open.
 * @csspart upload-progress - An uploading message's progress bar (a `<progress>`).
 * @csspart cancel-upload-button - Cancels an upload in progress.
 * @csspart status-line - A done action without a visible result ("Forwarded to 1 conversation"), shown for a few seconds.
 *
 * @cssproperty --message-mention-color - Text colour of @mentions in others' messages.
 * @cssproperty --message-mention-me-background - Background of an @mention of the viewer (or @all).
 * @cssproperty --message-list-reaction-background - Background of a reaction button.
 * @cssproperty --message-list-reaction-mine-background - Background of a reaction the user made.
 * @cssproperty --message-list-reaction-color - Text colour of a reaction button.
 * @cssproperty --message-list-background - Background of the list.
 * @cssproperty --message-list-padding - Padding around the messages.
 * @cssproperty --message-list-gap - Space between messages.
 * @cssproperty --message-bubble-background - Bubble of others' messages.
 * @cssproperty --message-bubble-color - Text of others' messages.
 * @cssproperty --message-bubble-own-background - Bubble of own messages.
 * @cssproperty --message-bubble-own-color - Text of own messages.
 * @cssproperty --message-bubble-radius - Corner radius of bubbles.
 * @cssproperty --message-bubble-joined-radius - Corners where bubbles of one sender's run meet.
 * @cssproperty --message-list-run-gap - Space between messages of one run.
 * @cssproperty --message-media-placeholder - A picture's box while it loads.
 * @cssproperty --message-card-background - Location and rich-content cards.
 * @cssproperty --message-card-color - Text of location and rich-content cards.
 * @cssproperty --message-file-icon-background - The badge of file types without a colour of their own.
 * @cssproperty --message-bubble-padding - Padding of bubbles.
 * @cssproperty --message-list-separator-background - Background of time lines.
 * @cssproperty --message-list-unread-divider-color - Line and text of the "New messages" divider.
 * @cssproperty --message-list-room-notice-background - Background of the chatroom notice bar.
 * @cssproperty --message-list-announcement-background - Background of the chatroom announcement and closed note.
 */
export class MessageList extends KitElement implements MessageMenuHost {
  static override styles = [
    hostStyles,
    avatarStyles,
    messageListStyles,
    rendererStyles,
    typingIndicatorStyles,
    readReceiptStyles,
    errorLineStyles,
    conversationHeaderStyles,
    messageListNarrowStyles,
  ];

  /** The app's menu items: `name(message)` is the label (nothing hides it for that message), `callback(message)` runs it. */
  @property({ attribute: false }) customMenu: CustomMenuItem<KitMessage>[] = [];

  /** Built-in menu items to hide (`DisabledMessageContextMenu` values). */
  @property({ attribute: false }) disableMenu: DisabledMessageContextMenu[] = [];

  /** Where "Forward" sends a message: `callback(message)` returns up to 5 conversations. No forwardList, no Forward item. */
  @property({ attribute: false }) forwardList?: ForwardList;

  /** Seconds an own message can be recalled; 0 means the default, 120. */
  @property({ type: Number, attribute: 'max-recall-duration' }) maxRecallDuration = 0;

  /** Parley: hides the "joined"/"left" rows of chatrooms (shown by default). */
  @property({ type: Boolean, attribute: 'hide-member-notices' }) hideMemberNotices = false;
  /** Renders every message instead of only those in view: a debugging and benchmark switch (slow for long logs). */
  @property({ type: Boolean, attribute: 'no-virtualize' }) noVirtualize = false;

  // Getters rather than `@query`: the decorator's module is not needed for two lookups.
  private get scroller(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('.scroller') ?? null;
  }
  private get rowsElement(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('.rows') ?? null;
  }

  /** A visible error (refused recall or delete). */
  readonly #errorLine = new ErrorLineController(this);
  /** A done action without a visible result (forward results), also for screen readers. */
  readonly #statusLine = new StatusLineController(this);

  readonly #selected = new StoreController(this, (s) => s.selected);
  readonly #messages = new StoreController(this, (s) => (s.selected ? s.messages[s.selected] : undefined));
  readonly #users = new StoreController(this, (s) => s.users);
  readonly #conversation = new StoreController(
    this,
    (s) =>
      s.conversationList.find((c) => c.key === s.selected) ??
      (s.selected ? s.chatrooms[s.selected]?.conversation : undefined),
  );
  readonly #chatroom = new StoreController(this, (s) => (s.selected ? s.chatrooms[s.selected] : undefined));
  /** A block's time left counts down in the chatroom notice bar. */
  // eslint-disable-next-line no-unused-private-class-members -- the controller adds itself to the host; the field only holds it
  readonly #tick = new TickController(this, () => {
    const restriction = mainRestriction(this.#chatroom.value);
    return restriction?.reason === 'blocked' && restriction.until > 0;
  });
  readonly #profiles = new StoreController(this, (s) => s.conversationProfiles);
  readonly #typing = new StoreController(this, (s) => selectTyping(s, s.selected));
  /** Undefined until the server said how far the peer read: no "Unread" that may be false. */
  readonly #peerRead = new StoreController(this, (s) => (s.selected ? s.peerReadTime[s.selected] : undefined));
  readonly #readCounts = new StoreController(this, (s) => s.readCounts);
  readonly #readers = new ReadersController(this);
  /** The one owner of the log's scroll position, and its virtual window. */
  readonly #scroll = new ScrollController(this, () => ({
    key: this.#selected.value ?? null,
    messages: this.#messages.value,
    scroller: this.scroller,
    rows: this.rowsElement,
    virtualize: !this.noVirtualize,
    loadOlder: () => void this.kitStore?.loadOlderMessages(),
  }));
  readonly #window = this.#scroll.window;
  readonly #pills = new HistoryPillsController(this, {
    scroller: () => this.scroller,
    keyOf: messageKey,
    scrollToKey: (key, align) => this.#scroll.scrollToKey(key, align),
    scrollToEnd: () => this.#scroll.scrollToEnd(),
    isAboveView: (key) => this.#scroll.isAboveView(key),
  });

  readonly #rowKeys = new RowKeys();
  readonly #tapDefaults = new MessageTapDefaults(this, (key, options) => this.i18n.t(key, options));
  readonly #menu = new MessageContextMenu(
    this,
    (row) => this.#messageOf(row),
    () => this.scroller,
  );
  readonly #lateBubbles = new LateBubblesController(this);
  readonly #roomHeader = new ChatroomHeader(this);
  readonly #header = new ConversationHeader(this);

  /** A menu opened before its code arrived renders when the code arrives: `updateComplete` waits for it too. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    const menuItems = this.#menu.itemsLoading;
    if (menuItems) await menuItems;
    // A room's header drawn plain while its module loads.
    const header = this.#roomHeader.pending;
    if (header) {
      await header;
      return super.getUpdateComplete();
    }
    // The same for bubbles drawn as placeholders while their module loads.
    const bubbles = this.#lateBubbles.pending;
    if (bubbles && !this.#lateBubbles.ready) {
      await bubbles;
      return super.getUpdateComplete();
    }
    return (await this.#menu.opened()) ? super.getUpdateComplete() : done;
  }

  /** In a chatroom the user cannot write to now: the room's notice or the editor says why. */
  #silenced(): boolean {
    const room = this.#chatroom.value;
    return !!room && (room.status !== 'joined' || !!mainRestriction(room));
  }

  /**
   * The recall window in seconds: `maxRecallDuration` (120 when it is 0 or invalid), but never longer
   * than the server allows (its `recallWindowMs`, told at connect): past it the server would refuse.
   */
  get recallDuration(): number {
    const kit = this.maxRecallDuration > 0 ? this.maxRecallDuration : DEFAULT_RECALL_DURATION;
    const server = this.serverRecallWindow;
    if (server > 0 && kit > server && this.#warnedRecallDuration !== kit) {
      this.#warnedRecallDuration = kit;
      console.warn(
        `[parley] maxRecallDuration ${kit} s is longer than the server's recall window (${server} s): "Recall" hides after ${server} s`,
      );
    }
    return server > 0 ? Math.min(kit, server) : kit;
  }

  /** The server's recall window in seconds; 0 when it has none or has not said yet. */
  get serverRecallWindow(): number {
    const windowMs = this.kitStore?.state.recallWindowMs ?? 0;
    return windowMs > 0 ? windowMs / 1000 : 0;
  }

  /** The `maxRecallDuration` the console was last warned about (once per value). */
  #warnedRecallDuration = 0;

  /** Shows a short status for a few seconds and announces it to screen readers (e.g. "Forwarded to 2 conversations"). */
  announce(text: string): void {
    this.#statusLine.show(text);
  }

  /** Shows a visible error line (e.g. a refused recall) for a few seconds. */
  showError(text: string): void {
    this.#errorLine.show(text);
  }

  /** Moves focus to the input of the `<message-editor>` showing the same kit store (after Quote or Forward). */
  focusEditor(): void {
    const store = this.kitStore;
    const editor = [...document.querySelectorAll('message-editor')].find((e) => e.kitStore === store);
    editor?.focus();
  }

  /** Translates a key of the kit's resources in the current language. */
  t(key: string, options?: Record<string, unknown>): string {
    return this.i18n.t(key, options);
  }

  override render() {
    const conversation = this.#conversation.value;
    if (!this.#selected.value || !conversation) {
      return html`<div class="frame"><p class="placeholder" part="placeholder">${this.i18n.t('messageList.select')}</p></div>`;
    }
    const { name, portraitUri } = conversationDisplay(
      conversation,
      this.#profiles.value ?? {},
      this.#users.value ?? {},
    );
    const messages = this.#messages.value;
    const all = messages?.list ?? [];
    const list = this.hideMemberNotices ? all.filter((m) => !isMemberNotice(m)) : all;
    const context = this.#itemContext();
    const room = this.#chatroom.value;
    return html`<div class="frame">
      ${
        room
          ? this.#roomHeader.render({
              room,
              name,
              portraitUri,
              locale: this.i18n.locale,
              now: this.kitStore?.now() ?? Date.now(),
              t: this.#t,
              leave: () => void this.kitStore?.quitChatRoom(room.chatroomId),
              rejoin: () => void this.kitStore?.selectConversation(room.conversation),
            })
          : this.#header.render({
              conversation,
              name,
              portraitUri,
              profile: this.#profiles.value?.[conversation.key],
              typing: this.#typing.value ?? [],
              nameOf: context.nameOf,
              t: this.#t,
            })
      }
      <div
        class="scroller"
        part="log"
        role="log"
        aria-live="polite"
        aria-relevant="additions"
        aria-label=${this.i18n.t('messageList.label')}
        tabindex="0"
        @scroll=${this.#scroll.onScroll}
        @keydown=${this.#onKeydown}
        @contextmenu=${this.#menu.onContextMenu}
      >
        ${renderLogContent({
          messages,
          list,
          window: this.#window,
          slice: this.#window.slice(this.#rowKeys.of(list)),
          atHistoryStart: this.#scroll.atHistoryStart,
          unreadDivider: this.#pills.dividerKey(messages),
          silenced: this.#silenced(),
          context,
        })}
      </div>
      ${this.#pills.render(this.#t)}
      ${this.#statusLine.render()}
      ${this.#errorLine.render()}
    </div>
    ${this.#menu.render()}${this.#readers.render(context.nameOf, this.#t, this.i18n.locale)}${this.#tapDefaults.render()}`;
  }

  #messageOf(row: Element): KitMessage | undefined {
    const id = (row as HTMLElement | null)?.dataset.messageId;
    const sender = (row as HTMLElement | null)?.dataset.sender;
    return this.#messages.value?.list.find((m) => m.messageId === id && m.senderUserId === sender);
  }

  readonly #onKeydown = logKeydownHandler({
    focused: () =>
      this.renderRoot instanceof ShadowRoot ? (this.renderRoot.activeElement as HTMLElement | null) : null,
    window: this.#window,
    scrollToKey: (key, align) => this.#scroll.scrollToKey(key, align),
    openMenu: (message) => this.#menu.open(message),
  });

  #t = (key: string, options?: Record<string, unknown>): string => this.i18n.t(key, options);
  // Stable, so rows can tell that their context did not change.
  #retry = (message: KitMessage): void => void this.kitStore?.retry(message);
  #discard = (message: KitMessage): void => void this.kitStore?.deleteMessage(message);
  #tap = (message: KitMessage): void => {
    if (!this.dispatchEvent(kitEvent('tapMessage', message, true))) return;
    // Focus comes back to what was tapped, else to the message itself.
    const row = this.renderRoot.querySelector<HTMLElement>(`.row[data-vkey="${CSS.escape(messageKey(message))}"]`);
    const focused =
      this.renderRoot instanceof ShadowRoot ? (this.renderRoot.activeElement as HTMLElement | null) : null;
    const returnTo =
      focused && row?.contains(focused) ? focused : (row?.querySelector<HTMLElement>('.message') ?? row ?? this);
    this.#tapDefaults.run(message, returnTo);
  };

  readonly #contexts = new ItemContextCache({
    t: this.#t,
    retry: this.#retry,
    discard: this.#discard,
    tap: this.#tap,
    loadRareBubbles: () => this.#lateBubbles.load(),
    openReaders: (m, anchor) => void this.#readers.open(m, anchor),
  });

  /** The rows' shared inputs (see item-context.ts). */
  #itemContext(): MessageItemContext {
    return this.#contexts.get({
      store: this.kitStore,
      users: this.#users.value,
      conversationType: this.#conversation.value?.conversationType,
      locale: this.i18n.locale,
      peerReadTime: this.#peerRead.value,
      readCounts: this.#readCounts.value,
      rareBubblesReady: this.#lateBubbles.ready,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'message-list': MessageList;
  }
}
