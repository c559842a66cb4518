import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { MessageType, UPLOAD_MAX_BYTES_DEFAULT } from '../../protocol/constants.js';
import {
  findConversation,
  mainRestriction,
  parseConversationKey,
  selectCurrentQuote,
} from '../../services/store/index.js';
import { KitElement } from '../shared/kit-element.js';
import { hostStyles } from '../shared/shared.styles.js';
import { overlayStyles } from '../shared/overlay.styles.js';
import { StoreController } from '../shared/store-controller.js';
import { AttachmentController } from './attachment-controller.js';
import { DraftController } from './draft-controller.js';
import { EmojiController } from './emoji-controller.js';
import { LazyMentions } from './mention-loader.js';
import { messageEditorStyles } from './message-editor.styles.js';
import { messageEditorNarrowStyles } from './message-editor.narrow.styles.js';
import { chatroomLockText } from '../shared/chatroom-text.js';
import { TickController } from '../shared/tick-controller.js';
import { renderQuoteBar } from './quote-bar.js';
import { renderOfflineNote, sendNoticeStyles, sendsWait } from './send-notice.js';

/**
 * Where the user writes to the open conversation. Enter sends, Shift+Enter adds a line; nothing is
 * sent while an input method is composing. Disabled, with a hint, while no conversation is open.
 * In a chatroom (Parley) it is also disabled while the user may not send there — gagged, the room
 * muted, gagged everywhere, blocked, out of the room — with the reason and the time left, and enabled
 * again when that time runs out or the ban is lifted.
 * Quotes a message (`store.setQuote`), sends images and files (picker, drag and drop, paste) with
 * progress in the list, inserts emoji, mentions group members after `@`, sends typing status in
 * private conversations and keeps drafts on the server.
 *
 * @tagname message-editor
 * @summary Message editor for the selected conversation.
 *
 * @csspart input - The text area.
 * @csspart send-button - The send button.
 * @csspart hint - Why the user cannot send (no conversation open, muted or out of a chatroom), shown in a compact
 *   box in place of the input; the host then has the `locked` attribute, so the page can shrink its wrapper.
 * @csspart offline-note - "Offline. Messages will be sent when the connection is back" while the connection is down.
 * @csspart quote - The quoted message above the input.
 * @csspart quote-cancel - The button that removes the quote.
 * @csspart attach-button - The button that picks images and files.
 * @csspart emoji-button - The button that opens the emoji picker.
 * @csspart emoji-picker - The emoji popover.
 * @csspart mention-list - The list of members after `@`.
 * @csspart error - Why a file was not sent.
 *
 * @cssproperty --message-editor-background - Background of the editor.
 * @cssproperty --message-editor-padding - Padding of the editor.
 * @cssproperty --message-editor-input-font-size - Size of the typed text (default 1rem; not scaled by base-size, as in the IMKit docs).
 * @cssproperty --message-editor-send-background - Background of the send button.
 * @cssproperty --message-editor-send-color - Text colour of the send button.
 * @cssproperty --message-editor-send-disabled-background - Background of the disabled send button.
 */
export class MessageEditor extends KitElement {
  static override styles = [
    hostStyles,
    overlayStyles,
    messageEditorStyles,
    sendNoticeStyles,
    messageEditorNarrowStyles,
  ];

  /** Largest image or file in bytes the editor sends (default: the server's default, 20 MB). */
  @property({ type: Number, attribute: 'max-upload-bytes' }) maxUploadBytes = UPLOAD_MAX_BYTES_DEFAULT;

  /** MIME types the editor refuses to send (e.g. `application/x-msdownload`); default none. */
  @property({ attribute: false }) refusedTypes: readonly string[] = [];

  private get textarea(): HTMLTextAreaElement | null {
    return this.renderRoot?.querySelector('textarea') ?? null;
  }

  /** The text in the input (restored from the draft when a conversation opens). */
  @state() value = '';

  readonly #selected = new StoreController(this, (s) => s.selected);
  readonly #chatroom = new StoreController(this, (s) => (s.selected ? s.chatrooms[s.selected] : undefined));
  /** The remaining time of a chatroom restriction counts down on screen. */
  // eslint-disable-next-line no-unused-private-class-members -- the controller adds itself to the host; the field only holds it
  readonly #tick = new TickController(this, () => !!mainRestriction(this.#chatroom.value)?.until);
  readonly #quote = new StoreController(this, selectCurrentQuote);
  /** While the connection is down, a line says that sends wait for it. */
  readonly #waiting = new StoreController(this, (s) => sendsWait(s.status, s.userId));
  /** Set while the user cannot send; reflected as the `locked` attribute after each render. */
  #locked = false;
  readonly #users = new StoreController(this, (s) => s.users);
  /** The open conversation's draft in the list: another device may change it. */
  readonly #listDraft = new StoreController(this, (s) =>
    s.selected ? findConversation(s, s.selected)?.draft : undefined,
  );
  readonly #drafts = new DraftController(
    this,
    () => !!this.textarea && this.shadowRoot?.activeElement === this.textarea,
  );
  readonly #attachments = new AttachmentController(this, (k, o) => this.i18n.t(k, o));
  readonly #emoji = new EmojiController(
    this,
    (k, o) => this.i18n.t(k, o),
    (text) => this.#insert(text),
  );
  readonly #mentions = new LazyMentions(this, (k, o) => this.i18n.t(k, o));

  override render() {
    const lock = this.#selected.value
      ? chatroomLockText(this.#chatroom.value, this.#t, this.i18n.locale, this.kitStore?.now())
      : null;
    const disabled = !this.#selected.value || lock !== null;
    this.#locked = disabled;
    const canSend = !disabled && this.value.trim().length > 0;
    const quote = this.#quote.value;
    const t = (k: string, o?: Record<string, unknown>) => this.i18n.t(k, o);
    const a = this.#attachments;
    return html`<div class="editor ${a.dragging ? 'dragging' : ''} ${disabled ? 'locked' : ''}" @dragenter=${a.onDragOver} @dragover=${a.onDragOver}
        @dragleave=${a.onDragLeave} @drop=${a.onDrop}>
      ${renderQuoteBar(quote, quote ? this.#users.value?.[quote.senderUserId]?.name || quote.senderUserId : '', t, this.#cancelQuote)}
      ${this.#mentions.render()}
      <textarea
        part="input"
        aria-label=${t('messageEditor.label')}
        placeholder=${disabled ? '' : t('messageEditor.placeholder')}
        aria-describedby=${disabled ? 'hint' : nothing}
        aria-controls=${this.#mentions.open ? 'mention-list' : nothing}
        aria-activedescendant=${this.#mentions.activeId ?? nothing}
        .value=${live(this.value)}
        ?disabled=${disabled}
        @input=${this.#onInput}
        @keydown=${this.#onKeydown}
        @paste=${a.onPaste}
        @blur=${this.#mentions.onBlur}
      ></textarea>
      ${a.error ? html`<p class="error" part="error" role="alert">${a.error}</p>` : nothing}
      ${a.dragging ? html`<p class="drop-hint" aria-hidden="true">${t('messageEditor.dropHint')}</p>` : nothing}
      <div class="actions">
        ${a.renderButton(disabled)} ${this.#emoji.render(disabled)}
        ${
          disabled
            ? html`<p class="hint" id="hint" part="hint">${lock ?? t('messageEditor.disabledHint')}</p>`
            : this.#waiting.value
              ? renderOfflineNote(t)
              : html`<span class="spacer"></span>`
        }
        <button class="send" part="send-button" type="button" ?disabled=${!canSend} @click=${this.send}>${t('messageEditor.send')}</button>
      </div>
    </div>`;
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    // Lets the page shrink the editor's wrapper to the one-line notice (`:has(> message-editor[locked])`).
    this.toggleAttribute('locked', this.#locked);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const key = this.kitStore?.state.selected ?? null;
    this.#drafts.follow(key);
    this.#drafts.adopt(this.#listDraft.value);
    this.#mentions.follow(key);
    const quote = this.#quote.value;
    if (quote && !this.#users.value?.[quote.senderUserId])
      void this.kitStore?.profiles.requestUsers([quote.senderUserId]);
  }

  /**
   * Sends the typed text to the open conversation, as a quote when a message is quoted and with
   * `mentionedInfo` when members were mentioned; blank text is refused. Clears and refocuses.
   */
  send = (): void => {
    const store = this.kitStore;
    const key = store?.state.selected;
    const text = this.value.trim();
    if (!store || !key || !text) return;
    if (chatroomLockText(this.#chatroom.value, this.#t, this.i18n.locale, store.now()) !== null) return;
    const quote = selectCurrentQuote(store.state);
    const mentionedInfo = this.#mentions.collect(text);
    if (!quote && !mentionedInfo) {
      void store.sendText(text);
    } else {
      const content: Record<string, unknown> = quote
        ? {
            content: text,
            referMsgUserId: quote.senderUserId,
            referMsg: quote.content,
            objName: quote.messageType,
            referMsgUid: quote.messageUId,
          }
        : { content: text };
      if (mentionedInfo) content.mentionedInfo = mentionedInfo;
      const messageType = quote ? MessageType.REFERENCE : MessageType.TEXT;
      void store.sendMessage(
        parseConversationKey(key),
        { messageType, content },
        mentionedInfo ? { isMentioned: true } : {},
      );
    }
    if (quote) store.setQuote(key, null);
    this.value = '';
    this.#drafts.onSent();
    this.textarea?.focus();
  };

  /** Sends files (images as image messages, others as file messages) to the open conversation. */
  sendFiles(files: Iterable<File>): Promise<void> {
    return this.#attachments.send(files);
  }

  /** Moves focus to the text area. */
  override focus(options?: FocusOptions): void {
    this.textarea?.focus(options);
  }

  #t = (key: string, options?: Record<string, unknown>): string => this.i18n.t(key, options);
  /** Replaces the selection of the text area with `text`, keeps focus there with the caret after it. */
  #insert(text: string, from?: number, to?: number): void {
    const area = this.textarea;
    const start = from ?? area?.selectionStart ?? this.value.length;
    const end = to ?? area?.selectionEnd ?? start;
    this.value = this.value.slice(0, start) + text + this.value.slice(end);
    this.#drafts.onInput();
    void this.updateComplete.then(() => {
      this.textarea?.focus();
      this.textarea?.setSelectionRange(start + text.length, start + text.length);
    });
  }

  /** Used by the mention picker to replace the typed `@query`. @internal */
  replaceRange(from: number, to: number, text: string): void {
    this.#insert(text, from, to);
  }

  #cancelQuote = (): void => {
    const key = this.kitStore?.state.selected;
    if (key) this.kitStore!.setQuote(key, null);
    this.textarea?.focus();
  };

  #onInput = (event: InputEvent): void => {
    const area = event.target as HTMLTextAreaElement;
    this.value = area.value;
    this.#drafts.onInput();
    this.#mentions.onInput(area);
  };

  #onKeydown = (event: KeyboardEvent): void => {
    if (this.#mentions.onKeydown(event)) return;
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this.send();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'message-editor': MessageEditor;
  }
}
