/**
 * What the conversation list lets a user do with their tags: create one from a conversation's
 * "Tags…" menu (the conversation goes in it), rename or delete one from its tab's menu, and fall
 * back to "All" when the shown tag is deleted (here or on another device). A refusal the dialog cannot
 * show (deleting a tag, checking one in the menu) goes to the host's error line.
 *
 * The menus' items and the flows behind them (tag-edits.ts) load with the first tag menu opened, or
 * when the browser is idle after the list connects; the name dialog (tag-dialog.ts) on its first use.
 */
import { nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { KitConversation, KitStore, KitTag, tagNameProblem } from '../../services/store/index.js';
import type { MenuController, MenuItem } from '../menu/menu.js';
import type { LazyPart, whenIdle } from '../shared/lazy-part.js';
import type { TagDialogController } from './tag-dialog.js';
import type { TagEdits } from './tag-edits.js';

/** The element the tag actions belong to (the conversation list). */
export type TagHost = ReactiveControllerHost &
  HTMLElement & { renderRoot: HTMLElement | DocumentFragment; tagFilter: string };
type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface TagActionsOptions {
  store(): KitStore | undefined;
  t: Translate;
  /** The host's context menu, shared with the conversation rows. */
  menu: MenuController;
  /** A conversation's row, for focus to go back to. */
  row(key: string): HTMLElement | null;
  /** Where focus goes when neither the tab nor the row is left. */
  fallbackFocus(): HTMLElement | null;
  /** Changes the host's tag filter as the kit's own doing ('' = "All"). */
  filter(tagId: string): void;
  /** Shows a refused action to the user. */
  showError(text: string): void;
  /** What is wrong with a tag name before any request (the store's rule). */
  nameProblem: typeof tagNameProblem;
  /** The first screen's loading helpers (an import would split them into a chunk of their own). */
  lazy: { LazyPart: typeof LazyPart; whenIdle: typeof whenIdle };
}

export class TagActions implements ReactiveController {
  readonly #host: TagHost;
  readonly #options: TagActionsOptions;
  /** The name dialog, loaded the first time the user creates or renames a tag. */
  readonly #dialog: LazyPart<TagDialogController>;
  readonly #edits: LazyPart<TagEdits>;
  /** A tab's menu waiting for the tag code: the host's `updateComplete` waits for it. */
  #opening: Promise<void> | null = null;
  #lastTags: readonly KitTag[] | null = null;

  constructor(host: TagHost, options: TagActionsOptions) {
    this.#host = host;
    this.#options = options;
    const { LazyPart } = options.lazy;
    this.#dialog = new LazyPart(host, async () => {
      const [module, { dialogTexts }] = await Promise.all([import('./tag-dialog.js'), import('./tag-edits.js')]);
      return {
        part: new module.TagDialogController(host, dialogTexts(options.t, options.nameProblem)),
        styles: module.tagDialogStyles,
      };
    });
    this.#edits = new LazyPart(host, async () => {
      const module = await import('./tag-edits.js');
      return {
        part: new module.TagEdits(
          host,
          options,
          (request) => void this.#dialog.get().then((dialog) => dialog.open(request)),
        ),
      };
    });
    host.addController(this);
  }

  hostConnected(): void {
    this.#options.lazy.whenIdle(() => void this.#edits.get());
  }

  /** A deleted tag cannot stay the filter: show "All" instead. */
  hostUpdate(): void {
    const tags = this.#options.store()?.state.tags ?? null;
    const before = this.#lastTags;
    if (tags === before) return;
    this.#lastTags = tags;
    const filter = this.#host.tagFilter;
    if (filter && before?.some((t) => t.tagId === filter) && !tags?.some((t) => t.tagId === filter))
      this.#options.filter('');
  }

  /** Items of a conversation's "Tags…": its tags to check or uncheck, and "New tag…". */
  async conversationItems(conversation: KitConversation): Promise<MenuItem[]> {
    return (await this.#edits.get()).conversationItems(conversation);
  }

  /** Opens the menu of the tab of `tagId` ("All" has none); false when there is nothing to open. */
  openTabMenu(tagId: string, origin: HTMLElement, point?: { x: number; y: number }): boolean {
    const tag = this.#options.store()?.state.tags.find((t) => t.tagId === tagId);
    if (!tag || this.#options.menu.isOpen || this.#opening) return false;
    const edits = this.#edits.current;
    const label = this.#options.t('tags.menuLabel');
    if (edits) return this.#options.menu.open(edits.tabItems(tag), origin, label, point);
    const opening = this.#edits.get().then((loaded) => {
      this.#opening = null;
      if (origin.isConnected && !this.#options.menu.isOpen)
        this.#options.menu.open(loaded.tabItems(tag), origin, label, point);
    });
    this.#opening = opening;
    return true;
  }

  /** Waits for a tab's menu asked for before its code arrived; true when there was one. */
  async opened(): Promise<boolean> {
    const opening = this.#opening;
    if (!opening) return false;
    await opening;
    return true;
  }

  /** The dialog's template; render it in the host's template. */
  render(): TemplateResult | typeof nothing {
    return this.#dialog.current?.render() ?? nothing;
  }
}
