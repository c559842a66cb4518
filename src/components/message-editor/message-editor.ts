import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { KitElement } from '../shared/kit-element.js';
import { hostStyles } from '../shared/shared.styles.js';
import { StoreController } from '../shared/store-controller.js';
import { messageEditorStyles } from './message-editor.styles.js';
import { chatroomLockText } from '../shared/chatroom-text.js';
import { TickController } from '../shared/tick-controller.js';
import { mainRestriction } from '../../services/store/chatrooms.js';

/**
 * Where the user writes to the open conversation. Enter sends, Shift+Enter adds a line; nothing is
 * sent while an input method is composing. Disabled, with a hint, while no conversation is open.
 * In a chatroom (Parley) it is also disabled while the user may not send there — gagged, the room
 * muted, gagged everywhere, blocked, out of the room — with the reason and the time left, and enabled
 * again when that time runs out or the ban is lifted.
 *
 * @tagname message-editor
 * @summary Message editor for the selected conversation.
 *
 * @csspart input - The text area.
 * @csspart send-button - The send button.
 * @csspart hint - The hint shown while no conversation is open, or why the user cannot send in a chatroom.
 *
 * @cssproperty --message-editor-background - Background of the editor.
 * @cssproperty --message-editor-padding - Padding of the editor.
 * @cssproperty --message-editor-input-font-size - Size of the typed text (default 1rem; not scaled by base-size, as in the IMKit docs).
 * @cssproperty --message-editor-send-background - Background of the send button.
 * @cssproperty --message-editor-send-color - Text colour of the send button.
 * @cssproperty --message-editor-send-disabled-background - Background of the disabled send button.
 */
export class MessageEditor extends KitElement {
  static override styles = [hostStyles, messageEditorStyles];

  @query('textarea') private textarea!: HTMLTextAreaElement | null;

  @state() private value = '';

  readonly #selected = new StoreController(this, (s) => s.selected);
  readonly #chatroom = new StoreController(this, (s) => (s.selected ? s.chatrooms[s.selected] : undefined));
  /** The remaining time of a chatroom restriction counts down on screen. */
  readonly #tick = new TickController(this, () => !!mainRestriction(this.#chatroom.value)?.until);
  /** Drafts per conversation, so switching conversations keeps what was typed. */
  readonly #drafts = new Map<string, string>();
  #draftKey: string | null = null;

  override render() {
    const lock = this.#selected.value ? chatroomLockText(this.#chatroom.value, this.#t, this.i18n.locale, this.kitStore?.now()) : null;
    const disabled = !this.#selected.value || lock !== null;
    const canSend = !disabled && this.value.trim().length > 0;
    return html`<div class="editor">
      <textarea
        part="input"
        aria-label=${this.i18n.t('messageEditor.label')}
        placeholder=${disabled ? '' : this.i18n.t('messageEditor.placeholder')}
        aria-describedby=${disabled ? 'hint' : nothing}
        .value=${live(this.value)}
        ?disabled=${disabled}
        @input=${this.#onInput}
        @keydown=${this.#onKeydown}
      ></textarea>
      <div class="actions">
        ${disabled ? html`<p class="hint" id="hint" part="hint">${lock ?? this.i18n.t('messageEditor.disabledHint')}</p>` : nothing}
        <button class="send" part="send-button" type="button" ?disabled=${!canSend} @click=${this.send}>
          ${this.i18n.t('messageEditor.send')}
        </button>
      </div>
    </div>`;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const key = this.kitStore?.state.selected ?? null;
    if (key !== this.#draftKey) {
      if (this.#draftKey) this.#drafts.set(this.#draftKey, this.value);
      this.#draftKey = key;
      this.value = (key && this.#drafts.get(key)) || '';
    }
  }

  /** Sends the typed text to the open conversation; blank text is refused. Clears and refocuses. */
  send = (): void => {
    const store = this.kitStore;
    const text = this.value.trim();
    if (!store || !store.state.selected || !text) return;
    if (chatroomLockText(this.#chatroom.value, this.#t, this.i18n.locale, store.now()) !== null) return;
    void store.sendText(text);
    this.value = '';
    this.textarea?.focus();
  };

  /** Moves focus to the text area. */
  override focus(options?: FocusOptions): void {
    this.textarea?.focus(options);
  }

  #t = (key: string, options?: Record<string, unknown>): string => this.i18n.t(key, options);

  #onInput = (event: InputEvent): void => {
    this.value = (event.target as HTMLTextAreaElement).value;
  };

  #onKeydown = (event: KeyboardEvent): void => {
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
