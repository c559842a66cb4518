import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ConversationType } from '../../protocol/constants.js';
import type { IAsyncRes } from '../../services/client/types.js';
import {
  isMuted,
  selectTagUnreadCount,
  selectTotalUnreadCount,
  tagNameProblem,
  type KitConversation,
} from '../../services/store/index.js';
import { avatarStyles } from '../avatar/avatar.js';
import { DisabledConversationontextMenu } from '../menu/disabled-menu.js';
import { LateMenuItems } from '../menu/late-items.js';
import { buildMenuItems, isMenuKey, MenuController, type CustomMenuItem } from '../menu/menu.js';
import { ErrorLineController, errorLineStyles } from '../shared/error-line.js';
import { kitEvent } from '../shared/events.js';
import { KitElement } from '../shared/kit-element.js';
import { LazyPart, whenIdle } from '../shared/lazy-part.js';
import { conversationDisplay } from '../shared/names.js';
import { hostStyles } from '../shared/shared.styles.js';
import { StoreController } from '../shared/store-controller.js';
import { VirtualWindow } from '../shared/virtual-window.js';
import { conversationListStyles } from './conversation-list.styles.js';
import { conversationListNarrowStyles } from './conversation-list.narrow.styles.js';
import { conversationRowStyles } from './conversation-row.js';
import { renderConversationItem, type ItemView } from './conversation-item.js';
import { ConversationUpdates } from './conversation-updates.js';
import type { TagActions } from './tag-actions.js';
import type { TagBarHelpers } from './tag-bar.js';
import type { ConversationMenuHelpers } from './conversation-menu-items.js';

/** How close to the end of the list (px) scrolling asks for the next page of conversations. */
const NEXT_PAGE_MARGIN_PX = 400;

/** What the tag bar uses of the first screen's modules (an import from tag-bar.ts would split them into a shared chunk). */
const TAG_BAR_HELPERS: TagBarHelpers = { repeat, isMenuKey };
const MENU_HELPERS: ConversationMenuHelpers = { isMuted, DisabledConversationontextMenu };

/**
 * The current user's conversations, newest first: avatar, name, last message, time and unread count.
 *
 * @tagname conversation-list
 * @summary Conversation list. Click, Enter or Space opens a conversation.
 *
 * A listbox: arrows, Home and End move between conversations. Long lists are virtualised: only the
 * rows in view (plus a margin) are in the DOM; keys still reach every row, and each row says its
 * place with `aria-posinset`/`aria-setsize`.
 *
 * @event {TapConversationEvent} tapConversation - A conversation was chosen; `detail` is the conversation.
 * @event {DeleteConversationEvent} deleteConversation - The user deleted a conversation with the menu (after confirming); `detail` is the conversation.
 * @event {UpdateConversationEvent} updateConversation - A listed conversation changed (new message, unread count, ...); `detail` is its new state.
 * @event {TagFilterChangeEvent} tagFilterChange - Parley: the user chose a tag tab, or the shown tag was deleted and the list fell back to "All"; `detail` is the tag id ('' for "All"). Not fired when the app sets `tagFilter`.
 *
 * @csspart list - The listbox.
 * @csspart item - One conversation.
 * @csspart avatar - A conversation's picture or initials.
 * @csspart online-dot - Parley: the dot on a private conversation's avatar while the peer is online (`showOnlineStatus`).
 * @csspart name - A conversation's name.
 * @csspart meta - The time of the last message.
 * @csspart preview - The last message.
 * @csspart badge - The unread count (a dot for muted conversations with `hideNotificUnreadCount`).
 * @csspart mention - "[@me]" before the preview while the user has unread mentions.
 * @csspart draft - "[Draft]" before a saved draft, shown instead of the last message.
 * @csspart pin-marker - The pin icon of a pinned conversation.
 * @csspart muted-icon - The do-not-disturb icon of a muted conversation.
 * @csspart empty - The text shown when there are no conversations.
 * @csspart tag-bar - Parley: the tabs "All" and the user's tags, above the list (only when the user has tags).
 * @csspart tag - One tab of the tag bar.
 * @csspart tag-unread - A tab's unread count.
 * @csspart tag-dialog - Parley: the dialog of "New tag…" and "Rename…" (a modal `<dialog>`).
 * @csspart tag-dialog-input - The name field of the tag dialog.
 * @csspart menu - The context menu (of a conversation, or of a tag's tab).
 * @csspart menu-item - One item of the context menu.
 * @csspart confirm-dialog - Parley: the confirmation before "Clear history" and "Delete conversation" (a modal `<dialog>`, `role="alertdialog"`).
 * @csspart confirm-cancel - The dialog's Cancel button (focused when it opens).
 * @csspart confirm-action - The dialog's confirming button (red: `--parley-color-danger`).
 * @csspart error - Parley: a refused tag action (delete a tag, add to or remove from one), shown for a few seconds.
 *
 * @cssproperty --conversation-list-background - Background of the list.
 * @cssproperty [--parley-color-online=#1e9e5a] - Parley: the online dot (`showOnlineStatus`).
 * @cssproperty --conversation-list-padding - Padding of the list.
 * @cssproperty --conversation-list-item-padding - Padding of one item.
 * @cssproperty --conversation-list-item-hover-background - Background of a hovered item.
 * @cssproperty --conversation-list-item-selected-background - Background of the open conversation.
 * @cssproperty --conversation-list-badge-background - Background of the unread badge.
 * @cssproperty --conversation-list-badge-color - Text colour of the unread badge.
 * @cssproperty --conversation-list-muted-badge-background - Unread badge of a muted conversation.
 * @cssproperty --conversation-list-gap - Space between avatar and text.
 * @cssproperty --conversation-list-tag-selected-background - Background of the selected tag.
 * @cssproperty --conversation-list-tag-selected-color - Text colour of the selected tag.
 */
export class ConversationList extends KitElement {
  static override styles = [
    hostStyles,
    avatarStyles,
    conversationListStyles,
    conversationRowStyles,
    errorLineStyles,
    conversationListNarrowStyles,
  ];

  /** Muted conversations show a dot instead of the unread number (seeds' spelling). */
  @property({ type: Boolean, attribute: 'hide-notific-unread-count' }) hideNotificUnreadCount = false;

  /** The app's items in the context menu: `name(conversation)` is the label (nothing hides it), `callback(conversation)` runs it. */
  @property({ attribute: false }) customMenu: CustomMenuItem<KitConversation>[] = [];

  /** Built-in menu items to hide (`DisabledConversationontextMenu` values). */
  @property({ attribute: false }) disableMenu: DisabledConversationontextMenu[] = [];

  /**
   * Parley: show only the conversations of this tag (a tag id; '' shows all).
   * The tag bar sets it too, and then fires `tagFilterChange`.
   */
  @property({ attribute: 'tag-filter' }) tagFilter = '';

  /** Parley: hides the tag bar (shown above the list when the user has tags). */
  @property({ type: Boolean, attribute: 'hide-tags' }) hideTags = false;

  /** Renders every conversation instead of only those in view: a debugging and benchmark switch (slow for long lists). */
  @property({ type: Boolean, attribute: 'no-virtualize' }) noVirtualize = false;

  /** Key of the item that holds the tab stop (roving tabindex). */
  @state() private activeKey: string | null = null;

  readonly #list = new StoreController(this, (s) => s.conversationList);
  readonly #selected = new StoreController(this, (s) => s.selected);
  readonly #profiles = new StoreController(this, (s) => s.conversationProfiles);
  readonly #users = new StoreController(this, (s) => s.users);
  readonly #online = new StoreController(this, (s) => s.online);
  readonly #tags = new StoreController(this, (s) => s.tags);
  readonly #tagMembers = new StoreController(this, (s) => s.tagMembers);
  /** While the first connect is still trying (the list not loaded yet), "No conversations yet" would be a guess. */
  readonly #waitingForList = new StoreController(this, (s) => !s.conversationsLoaded && s.status === 'connecting');
  #focusAfterRender = false;
  /** Which entries `updateConversation` reports. */
  readonly #updates = new ConversationUpdates();

  readonly #window = new VirtualWindow(this, {
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.scroller'),
    rows: () => this.renderRoot.querySelector<HTMLElement>('.list'),
    enabled: () => !this.noVirtualize,
    // Conversations reorder as messages arrive: keep the scroll offset, not a row.
    anchor: 'position',
    estimate: 66,
    minRows: 60,
  });
  #keyCache: { list: readonly KitConversation[]; keys: string[] } | null = null;

  readonly #menu = new MenuController(this, () => this.#listFocus());

  /**
   * The tag bar and the tag actions (tag-actions.ts), loaded when the user first has tags or opens a
   * conversation's "Tags…"; `updateComplete` waits for them.
   */
  readonly #tagBar = new LazyPart<{ bar: typeof import('./tag-bar.js'); actions: TagActions }>(this, async () => {
    const [bar, { TagActions }] = await Promise.all([import('./tag-bar.js'), import('./tag-actions.js')]);
    const actions = new TagActions(this, {
      store: () => this.kitStore,
      t: (key, options) => this.i18n.t(key, options),
      menu: this.#menu,
      row: (key) => this.#itemElement(key),
      fallbackFocus: () => this.#listFocus(),
      filter: (tagId) => this.#filterBy(tagId),
      showError: (text) => this.#errorLine.show(text),
      nameProblem: tagNameProblem,
      lazy: { LazyPart, whenIdle },
    });
    return { part: { bar, actions }, styles: bar.tagBarStyles };
  });
  #tagBarLoading: Promise<unknown> | null = null;

  /** A menu opened before its code arrived renders when the code arrives: `updateComplete` waits for it too. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    if (this.#tagBarLoading && !this.#tagBar.current) {
      await this.#tagBarLoading;
      return this.getUpdateComplete();
    }
    // A tab's menu waits for the tag code first, a conversation's for its items; then for the menu's own.
    if (await this.#tagBar.current?.actions.opened()) await this.#menu.opened();
    const items = this.#builtIns.waiting;
    if (items) await items;
    return (await this.#menu.opened()) ? super.getUpdateComplete() : done;
  }

  readonly #errorLine = new ErrorLineController(this);

  /** Tells the user when the server refused a conversation action (the store has undone what it could). */
  #report(pending: Promise<IAsyncRes<unknown>> | undefined): void {
    void pending?.then((res) => {
      if (res.code !== 0) this.#errorLine.show(this.i18n.t('conversationList.actionFailed', { code: res.code }));
    });
  }

  /** Built-in menu items (conversation-menu-items.ts), loaded when idle or by the first open. */
  readonly #builtIns = new LateMenuItems<KitConversation>(this, async () =>
    (await import('./conversation-menu-items.js')).conversationMenuItems(
      {
        store: () => this.kitStore,
        report: (pending) => this.#report(pending),
        confirm: (item, c) => this.#destructive(item, c),
        tagItems: async (c) => (await this.#tagBar.get()).actions.conversationItems(c),
        deleteConversation: (c) => this.deleteConversation(c),
      },
      MENU_HELPERS,
    ),
  );

  #t = (key: string, options?: Record<string, unknown>): string => this.i18n.t(key, options);

  /** The confirmation of a destructive item (`menu.<item>Title`, `…Message` with the name, `…Action`). */
  #destructive(item: 'clearHistory' | 'deleteConversation', c: KitConversation) {
    const name = conversationDisplay(c, this.#profiles.value ?? {}, this.#users.value ?? {}).name;
    return {
      title: this.#t(`menu.${item}Title`),
      message: this.#t(`menu.${item}Message`, { name }),
      action: this.#t(`menu.${item}Action`),
      danger: true,
    };
  }

  override render() {
    const bar = this.#renderTagBar();
    // One template with or without the bar: rows (and the focus in them) stay when the bar arrives.
    const body = html`<div class="lists ${bar === nothing ? '' : 'tagged'}">${bar}${this.#renderList()}</div>`;
    const dialog = this.#tagBar.current?.actions.render() ?? nothing;
    return html`${body}${this.#errorLine.render()}${this.#menu.render()}${dialog}`;
  }

  /** The row holding the tab stop, else the scroller: where focus goes when its element is gone. */
  #listFocus(): HTMLElement | null {
    return (
      this.#itemElement(this.#activeKey(this.#visible())) ?? this.renderRoot.querySelector<HTMLElement>('.scroller')
    );
  }

  /** The listed conversations, only those of `tagFilter` when it is set. */
  #visible(): readonly KitConversation[] {
    const list = this.#list.value ?? [];
    if (!this.tagFilter) return list;
    const members = new Set(this.#tagMembers.value?.[this.tagFilter] ?? []);
    return list.filter((c) => members.has(c.key));
  }

  #renderTagBar() {
    const tags = this.#tags.value ?? [];
    if (tags.length === 0) return nothing;
    const parts = this.#tagBar.current;
    if (!parts) {
      // Loaded with `hideTags` too: the actions still put the list back to "All" when the shown tag is deleted.
      this.#tagBarLoading ??= this.#tagBar.get().then(
        () => this.requestUpdate(),
        () => (this.#tagBarLoading = null),
      );
      return nothing;
    }
    if (this.hideTags) return nothing;
    const state = this.kitStore?.state;
    return parts.bar.renderTagBar({
      tags,
      active: this.tagFilter,
      unread: (tagId) => (!state ? 0 : tagId ? selectTagUnreadCount(state, tagId) : selectTotalUnreadCount(state)),
      select: (tagId) => this.#filterBy(tagId),
      openMenu: (tagId, tab, point) => parts.actions.openTabMenu(tagId, tab, point),
      t: this.#t,
      helpers: TAG_BAR_HELPERS,
    });
  }

  /** Shows the conversations of `tagId` for the user (or the kit), and tells the app. */
  /** Scrolling near the end asks the store for the next page of conversations (seeds: startTime/count). */
  readonly #onScroll = (): void => {
    this.#window.onScroll();
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller');
    const store = this.kitStore;
    if (store && scroller && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEXT_PAGE_MARGIN_PX) {
      void store.loadMoreConversations();
    }
  };

  #filterBy(tagId: string): void {
    if (tagId === this.tagFilter) return;
    this.tagFilter = tagId;
    this.dispatchEvent(kitEvent('tagFilterChange', tagId));
  }

  #renderList() {
    const list = this.#visible();
    if (list.length === 0) {
      // Focusable by script only, so focus has somewhere to go when the last conversation is deleted.
      // While the kit is still connecting nothing is known yet: no text (the connection banner says what is going on).
      const empty = this.#waitingForList.value
        ? nothing
        : html`<p class="empty" part="empty">${this.i18n.t('conversationList.empty')}</p>`;
      return html`<div class="scroller" tabindex="-1">${empty}</div>`;
    }
    const win = this.#window.slice(this.#keysOf(list));
    const shown = list.slice(win.start, win.end);
    // The tab stop stays in the list when the active row is outside the window: the first one shown takes it.
    const active = this.#activeKey(list);
    const stop = shown.some((c) => c.key === active) ? active : shown[0]?.key;
    const view = this.#itemView();
    return html`<div class="scroller" @scroll=${this.#onScroll}>
      ${this.#window.spacer(win.before)}
      <div class="list" part="list" role="listbox" aria-label=${this.i18n.t('conversationList.label')} @keydown=${this.#onKeydown}>
        ${repeat(
          shown,
          (c) => c.key,
          (c, i) => renderConversationItem(c, c.key === stop, win.start + i, list.length, view),
        )}
      </div>
      ${this.#window.spacer(win.after)}
    </div>`;
  }

  /** Whether the peer of a private conversation is online (only with `showOnlineStatus`). */
  #isOnline(conversation: KitConversation): boolean {
    return conversation.conversationType === ConversationType.PRIVATE && !!this.#online.value?.[conversation.targetId];
  }

  /** What every row is drawn from (conversation-item.ts). */
  #itemView(): ItemView {
    return {
      profiles: this.#profiles.value,
      users: this.#users.value,
      selected: this.#selected.value,
      userId: this.kitStore?.state.userId ?? '',
      locale: this.i18n.locale,
      t: this.#t,
      hideNotificUnreadCount: this.hideNotificUnreadCount,
      custom: this.kitStore?.customMessage,
      isOnline: (c) => this.#isOnline(c),
      choose: (c) => this.#choose(c),
      focus: (c) => (this.activeKey = c.key),
      openMenu: (c, event) => this.#openMenu(c, event),
    };
  }

  /** Removes a conversation from the list (on the server, so every device and a reload agree) and fires `deleteConversation`. */
  deleteConversation(conversation: KitConversation): void {
    const list = this.#visible();
    const at = list.findIndex((c) => c.key === conversation.key);
    // Keep the tab stop (and focus, once the menu closes) on a neighbour.
    this.activeKey = (list[at + 1] ?? list[at - 1])?.key ?? null;
    this.#report(this.kitStore?.deleteConversation(conversation));
    this.dispatchEvent(kitEvent('deleteConversation', conversation));
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    for (const changed of this.#updates.changed(this.#list.value)) {
      this.dispatchEvent(kitEvent('updateConversation', changed));
    }
    if (this.#focusAfterRender) {
      this.#focusAfterRender = false;
      this.#itemElement(this.activeKey)?.focus();
    }
  }

  /** The key holding the tab stop: the focused/last-focused item, else the open one, else the first. */
  #activeKey(list: readonly KitConversation[]): string | null {
    if (this.activeKey && list.some((c) => c.key === this.activeKey)) return this.activeKey;
    const selected = this.#selected.value;
    if (selected && list.some((c) => c.key === selected)) return selected;
    return list[0]?.key ?? null;
  }

  /** Row keys of a conversation list, computed once per list. */
  #keysOf(list: readonly KitConversation[]): string[] {
    if (this.#keyCache?.list !== list) this.#keyCache = { list, keys: list.map((c) => c.key) };
    return this.#keyCache.keys;
  }

  #itemElement(key: string | null): HTMLElement | null {
    if (!key) return null;
    return this.renderRoot.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
  }

  #openMenu(conversation: KitConversation, event?: MouseEvent): void {
    const origin = this.#itemElement(conversation.key);
    if (!origin || this.#menu.isOpen) {
      event?.preventDefault();
      return;
    }
    const point = event && (event.clientX || event.clientY) ? { x: event.clientX, y: event.clientY } : undefined;
    this.activeKey = conversation.key;
    const shown = this.#builtIns.open((builtIns) => {
      // Found again: the list may have been redrawn while the items loaded.
      const row = this.#itemElement(conversation.key);
      if (!row || this.#menu.isOpen) return this.#menu.isOpen;
      const items = buildMenuItems(conversation, builtIns, this.disableMenu, this.customMenu, (k) => this.i18n.t(k));
      return this.#menu.open(items, row, this.i18n.t('menu.conversationLabel'), point);
    });
    if (shown) event?.preventDefault();
  }

  #choose(conversation: KitConversation): void {
    this.activeKey = conversation.key;
    void this.kitStore?.selectConversation(conversation);
    this.dispatchEvent(kitEvent('tapConversation', conversation));
  }

  #onKeydown = (event: KeyboardEvent): void => {
    const list = this.#visible();
    if (list.length === 0) return;
    const current = list.findIndex((c) => c.key === this.#activeKey(list));
    if (isMenuKey(event)) {
      event.preventDefault();
      if (list[current]) this.#openMenu(list[current]);
      return;
    }
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(list.length - 1, current + 1);
        break;
      case 'ArrowUp':
        next = Math.max(0, current - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = list.length - 1;
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        if (list[current]) this.#choose(list[current]);
        return;
      default:
        return;
    }
    event.preventDefault();
    this.activeKey = list[next]!.key;
    this.#focusAfterRender = true;
    // Render the row first when it is outside the window; `updated` then focuses it.
    this.#window.scrollToIndex(next);
    this.requestUpdate();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'conversation-list': ConversationList;
  }
}
