import { css, html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { ConversationType, MentionedType } from '../../protocol/constants.js';
import type { IMentionedInfo } from '../../services/client/messages.js';
import type { UserProfile } from '../../services/profile/types.js';
import type { ConversationKey, parseConversationKey } from '../../services/store/index.js';
import type { StoreHost } from '../shared/store-controller.js';
import { OverlayController } from '../shared/overlay-controller.js';
import '../../i18n/features/mentions.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * What the picker uses of the store's module, handed over by mention-loader.ts: importing it here would
 * split the store out of the initial load into a chunk shared with this one.
 */
export interface MentionHelpers {
  parseConversationKey: typeof parseConversationKey;
  /** The text written for "@all" (`MENTION_ALL_TEXT`, which the message list also reads). */
  mentionAllText: string;
}

/** What the mention picker needs from the editor. */
export interface MentionHost extends StoreHost, HTMLElement {
  value: string;
  /** Replaces `value[from, to)` with `text` and puts the caret after it. */
  replaceRange(from: number, to: number, text: string): void;
}

/** The id used for "@all" among picked mentions. */
const ALL = '\u0000all';

interface Candidate {
  readonly id: string;
  readonly name: string;
  /** What the option means, in the user's language ("Everyone in the group" for @all). */
  readonly hint?: string;
}

/**
 * @mentions in group conversations: typing `@` opens the member list (from the app's
 * `service.getGroupMembers`, first item "@all", written as `@all` in every language since recipients may
 * read another one), typing filters it, Up/Down move, Enter or Tab pick,
 * Escape closes. Picking writes `@Name ` into the input; `collect` turns the mentions still present
 * in the text into the seeds' `mentionedInfo` (`ALL` or `SINGAL` with `userIdList`). The list is a
 * top-layer popover above the input (`OverlayController`); focus stays in the input
 * (`aria-activedescendant`), and a press outside closes it.
 */
export class MentionController implements ReactiveController {
  readonly #host: MentionHost;
  readonly #t: Translate;
  readonly #parseKey: typeof parseConversationKey;
  readonly #allText: string;
  readonly #overlay: OverlayController;
  #key: ConversationKey | null = null;
  #members: readonly UserProfile[] = [];
  /** Where the typed `@` is, while the list is open. */
  #at = -1;
  #query = '';
  #active = 0;
  /** Names written into the input → user id (or ALL). */
  readonly #picked = new Map<string, string>();
  /** The list is open. */
  open = false;

  constructor(host: MentionHost, t: Translate, helpers: MentionHelpers) {
    this.#host = host;
    this.#t = t;
    this.#parseKey = helpers.parseConversationKey;
    this.#allText = helpers.mentionAllText;
    this.#overlay = new OverlayController(host, {
      element: () => host.shadowRoot?.querySelector<HTMLElement>('.mentions') ?? null,
      onDismiss: () => this.#close(),
      anchorToggles: true,
      side: 'block-start',
      initialFocus: () => null,
    });
    host.addController(this);
  }

  /** Id of the highlighted option, for the input's `aria-activedescendant`. */
  get activeId(): string | undefined {
    return this.open && this.#items().length ? `mention-${this.#active}` : undefined;
  }

  /** Call from `willUpdate`: a new conversation forgets the picked names and loads its members. */
  follow(key: ConversationKey | null): void {
    if (key === this.#key) return;
    this.#key = key;
    this.#picked.clear();
    this.#members = [];
    this.#close();
    const store = this.#host.kitStore;
    if (!key || !store || this.#parseKey(key).conversationType !== ConversationType.GROUP) return;
    void store.profiles.getGroupMembers(this.#parseKey(key)).then((members) => {
      if (this.#key !== key) return;
      this.#members = members.filter((m) => m.id !== store.state.userId);
      if (this.open) this.#host.requestUpdate();
    });
  }

  hostConnected(): void {}

  /** Call on input: opens, filters or closes the list from the text before the caret. */
  onInput(area: HTMLTextAreaElement): void {
    if (!this.#key || this.#parseKey(this.#key).conversationType !== ConversationType.GROUP) return;
    const before = area.value.slice(0, area.selectionStart ?? area.value.length);
    const match = /(^|\s)@([^\s@]{0,32})$/.exec(before);
    if (!match) return this.#close();
    this.#at = before.length - match[2]!.length - 1;
    this.#query = match[2]!.toLowerCase();
    this.#active = 0;
    if (!this.open) this.#overlay.open({ element: area });
    this.open = true;
    this.#host.requestUpdate();
  }

  /** Call first on keydown; returns true when the list used the key. */
  onKeydown(event: KeyboardEvent): boolean {
    if (!this.open) return false;
    const items = this.#items();
    if (event.key === 'Escape') {
      event.preventDefault();
      this.#close();
      return true;
    }
    if (!items.length) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.#active = (this.#active + step + items.length) % items.length;
      this.#host.requestUpdate();
      return true;
    }
    if ((event.key === 'Enter' && !event.isComposing) || event.key === 'Tab') {
      event.preventDefault();
      this.#pick(items[this.#active]!);
      return true;
    }
    return false;
  }

  /** Closes the list when the input loses focus (a click on an option picks before that). */
  onBlur = (): void => this.#close();

  /** The `mentionedInfo` for a text, from the picked names it still contains; undefined when none. */
  collect(text: string): IMentionedInfo | undefined {
    const ids = new Set<string>();
    for (const [name, id] of this.#picked) if (text.includes(`@${name}`)) ids.add(id);
    this.#picked.clear();
    if (!ids.size) return undefined;
    const all = ids.delete(ALL);
    return { type: all ? MentionedType.ALL : MentionedType.SINGAL, userIdList: [...ids] };
  }

  /** The list of members, above the input. */
  render(): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    const items = this.#items();
    return html`<ul class="mentions" part="mention-list" id="mention-list" popover="manual" role="listbox" aria-label=${this.#t('messageEditor.mentionList')}>
      ${
        items.length
          ? items.map(
              (
                item,
                i,
              ) => html`<li id="mention-${i}" role="option" class="mention ${i === this.#active ? 'active' : ''}"
            aria-selected=${i === this.#active ? 'true' : 'false'}
            @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.#pick(item)}>@${item.name}${
              item.hint ? html` <span class="mention-hint">${item.hint}</span>` : nothing
            }</li>`,
            )
          : html`<li class="mention empty" role="option" aria-disabled="true" aria-selected="false">${this.#t('messageEditor.mentionNone')}</li>`
      }
    </ul>`;
  }

  #items(): Candidate[] {
    const all: Candidate = { id: ALL, name: this.#allText, hint: this.#t('messageEditor.mentionAllHint') };
    const members: Candidate[] = this.#members.map((m) => ({ id: m.id, name: m.name || m.id }));
    const q = this.#query;
    const matches = (c: Candidate) =>
      c.name.toLowerCase().includes(q) || c.id.toLowerCase().startsWith(q) || !!c.hint?.toLowerCase().includes(q);
    return [all, ...members].filter((c) => !q || matches(c));
  }

  #pick(item: Candidate): void {
    const from = this.#at;
    const to = from + 1 + this.#query.length;
    this.#picked.set(item.name, item.id);
    this.#close();
    this.#host.replaceRange(from, to, `@${item.name} `);
  }

  #close(): void {
    if (!this.open) return;
    this.open = false;
    this.#at = -1;
    this.#query = '';
    this.#overlay.close(false);
  }
}

/** The list's styles, added to the editor's shadow root with this module. */
export const mentionStyles = css`
  .mentions {
    background: var(--parley-menu-background, var(--parley-color-background, var(--_background)));
    color: var(--parley-color-text, var(--_text));
    border: 0.0625em solid var(--parley-color-border, var(--_border));
    border-radius: var(--parley-radius, 0.5em);
    box-shadow: var(--parley-menu-shadow, 0 0.25em 1em rgb(0 0 0 / 0.15));
    min-inline-size: 12em;
    max-block-size: 12em;
    overflow-y: auto;
    margin: 0;
    padding: 0.25em 0;
    list-style: none;
  }
  .mention {
    padding: 0.375em 0.75em;
    cursor: pointer;
  }
  .mention.active {
    background: var(--parley-color-selected, var(--_selected));
  }
  .mention-hint {
    color: var(--parley-color-text-secondary, var(--_text-secondary));
    font-size: max(11px, 0.875em);
  }
  .mention.empty {
    cursor: default;
    color: var(--parley-color-text-secondary, var(--_text-secondary));
  }
`;
