/**
 * The editor's side of the @mention picker, without the picker: `mention-picker.ts` is imported when
 * a group conversation opens (only groups have mentions), so a page that shows private chats never
 * downloads it. Until it is there, an `@` typed is remembered and replayed once it loads; the list
 * renders nothing meanwhile.
 */
import { nothing, type TemplateResult } from 'lit';
import { ConversationType } from '../../protocol/constants.js';
import type { IMentionedInfo } from '../../services/client/messages.js';
import { parseConversationKey, type ConversationKey } from '../../services/store/index.js';
import { adoptLateStyles } from '../shared/lazy-part.js';
import { MENTION_ALL_TEXT } from '../shared/mention-all.js';
import type { MentionController, MentionHost } from './mention-picker.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const isGroup = (key: ConversationKey | null): key is ConversationKey =>
  !!key && parseConversationKey(key).conversationType === ConversationType.GROUP;

/** The same calls as `MentionController`, forwarded once its module is loaded. */
export class LazyMentions {
  readonly #host: MentionHost;
  readonly #t: Translate;
  #picker: MentionController | null = null;
  #loading: Promise<void> | null = null;
  #key: ConversationKey | null = null;
  /** The input of an `input` event that came before the picker: replayed when it loads. */
  #pendingInput: HTMLTextAreaElement | null = null;

  constructor(host: MentionHost, t: Translate) {
    this.#host = host;
    this.#t = t;
  }

  /** The list is open. */
  get open(): boolean {
    return this.#picker?.open ?? false;
  }

  /** Id of the highlighted option, for the input's `aria-activedescendant`. */
  get activeId(): string | undefined {
    return this.#picker?.activeId;
  }

  /** Call from `willUpdate`: a group conversation loads the picker. */
  follow(key: ConversationKey | null): void {
    this.#key = key;
    if (this.#picker) return this.#picker.follow(key);
    if (isGroup(key)) this.#load();
  }

  onInput(area: HTMLTextAreaElement): void {
    if (this.#picker) return this.#picker.onInput(area);
    if (!isGroup(this.#key)) return;
    this.#pendingInput = area;
    this.#load();
  }

  onKeydown(event: KeyboardEvent): boolean {
    return this.#picker?.onKeydown(event) ?? false;
  }

  onBlur = (): void => {
    this.#pendingInput = null;
    this.#picker?.onBlur();
  };

  collect(text: string): IMentionedInfo | undefined {
    this.#pendingInput = null;
    return this.#picker?.collect(text);
  }

  render(): TemplateResult | typeof nothing {
    return this.#picker?.render() ?? nothing;
  }

  #load(): void {
    if (this.#loading) return;
    this.#loading = import('./mention-picker.js').then(({ MentionController, mentionStyles }) => {
      adoptLateStyles(this.#host, mentionStyles);
      const picker = new MentionController(this.#host, this.#t, {
        parseConversationKey,
        mentionAllText: MENTION_ALL_TEXT,
      });
      this.#picker = picker;
      picker.follow(this.#key);
      const pending = this.#pendingInput;
      this.#pendingInput = null;
      // Replay the `@` typed while loading, if the input still has focus.
      if (pending?.isConnected && this.#host.shadowRoot?.activeElement === pending) picker.onInput(pending);
    });
  }
}
