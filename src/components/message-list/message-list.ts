import { html, nothing, type TemplateResult } from 'lit';
import { query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { KitMessage } from '../../services/store/types.js';
import { avatarStyles, renderAvatar } from '../avatar/avatar.js';
import { kitEvent } from '../shared/events.js';
import { formatDayLabel, isSameDay } from '../shared/format.js';
import { KitElement } from '../shared/kit-element.js';
import { conversationDisplay } from '../shared/names.js';
import { hostStyles } from '../shared/shared.styles.js';
import { StoreController } from '../shared/store-controller.js';
import { renderMessage, type MessageItemContext } from './message-item.js';
import { messageListStyles } from './message-list.styles.js';
import { ScrollController } from './scroll-controller.js';

/**
 * The open conversation's messages, oldest at the top. Opens at the newest message, follows new
 * messages while the reader is at the bottom, and loads older history when scrolled to the top.
 *
 * @summary Message list of the selected conversation.
 *
 * @event tapMessage - A media message (image, file, ...) was clicked; `detail` is the message.
 *
 * @csspart header - The bar with the conversation's name.
 * @csspart log - The scrolling message log.
 * @csspart message - One message row; own messages also have `own-message`.
 * @csspart avatar - A sender's picture or initials.
 * @csspart sender - A sender's name.
 * @csspart bubble - A message's content.
 * @csspart meta - Time and send state.
 * @csspart retry-button - Resends a failed message.
 * @csspart notice - A notification line (recall, group notices).
 *
 * @cssproperty --message-list-background - Background of the list.
 * @cssproperty --message-list-padding - Padding around the messages.
 * @cssproperty --message-list-gap - Space between messages.
 * @cssproperty --message-bubble-background - Bubble of others' messages.
 * @cssproperty --message-bubble-color - Text of others' messages.
 * @cssproperty --message-bubble-own-background - Bubble of own messages.
 * @cssproperty --message-bubble-own-color - Text of own messages.
 * @cssproperty --message-bubble-radius - Corner radius of bubbles.
 * @cssproperty --message-bubble-padding - Padding of bubbles.
 */
export class MessageList extends KitElement {
  static override styles = [hostStyles, avatarStyles, messageListStyles];

  @query('.scroller') private scroller!: HTMLElement | null;

  readonly #selected = new StoreController(this, (s) => s.selected);
  readonly #messages = new StoreController(this, (s) => (s.selected ? s.messages[s.selected] : undefined));
  readonly #users = new StoreController(this, (s) => s.users);
  readonly #conversation = new StoreController(this, (s) => s.conversationList.find((c) => c.key === s.selected));
  readonly #profiles = new StoreController(this, (s) => s.conversationProfiles);

  readonly #scroll = new ScrollController(this, () => ({
    key: this.#selected.value ?? null,
    messages: this.#messages.value,
    scroller: this.scroller,
    loadOlder: () => void this.kitStore?.loadOlderMessages(),
  }));

  override render() {
    const conversation = this.#conversation.value;
    if (!this.#selected.value || !conversation) {
      return html`<div class="frame"><p class="placeholder" part="placeholder">${this.i18n.t('messageList.select')}</p></div>`;
    }
    const { name, portraitUri } = conversationDisplay(conversation, this.#profiles.value ?? {}, this.#users.value ?? {});
    const messages = this.#messages.value;
    const list = messages?.list ?? [];
    const context = this.#itemContext();
    return html`<div class="frame">
      <div class="header" part="header">
        ${renderAvatar({ id: conversation.targetId, name, portraitUri })}
        <span class="title">${name}</span>
      </div>
      <div
        class="scroller"
        part="log"
        role="log"
        aria-live="polite"
        aria-relevant="additions"
        aria-label=${this.i18n.t('messageList.label')}
        tabindex="0"
        @scroll=${this.#scroll.onScroll}
      >
        ${messages?.loading && list.length > 0
          ? html`<div class="status" role="status">${this.i18n.t('messageList.loadingOlder')}</div>`
          : nothing}
        ${messages?.loaded && !messages.hasMore && list.length > 0
          ? html`<div class="status">${this.i18n.t('messageList.noMore')}</div>`
          : nothing}
        ${messages?.loaded && list.length === 0
          ? html`<p class="placeholder">${this.i18n.t('messageList.empty')}</p>`
          : nothing}
        ${repeat(list, (m) => `${m.senderUserId}:${m.messageId || m.messageUId}`, (m, i) => this.#renderRow(m, list[i - 1], context))}
      </div>
    </div>`;
  }

  #renderRow(message: KitMessage, previous: KitMessage | undefined, context: MessageItemContext): TemplateResult {
    const separator =
      !previous || !isSameDay(previous.sentTime, message.sentTime)
        ? html`<div class="separator" part="separator">${formatDayLabel(message.sentTime, this.i18n.locale, this.#t)}</div>`
        : nothing;
    return html`${separator}${renderMessage(message, context)}`;
  }

  #t = (key: string, options?: Record<string, unknown>): string => this.i18n.t(key, options);

  #itemContext(): MessageItemContext {
    return {
      users: this.#users.value ?? {},
      locale: this.i18n.locale,
      t: this.#t,
      retry: (message) => void this.kitStore?.retry(message),
      tap: (message) => this.dispatchEvent(kitEvent('tapMessage', message)),
      custom: this.kitStore?.customMessage,
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'message-list': MessageList;
  }
}
