/**
 * What the conversation list lets a user do with their tags: create one from a conversation's
 * "Tags…" menu (the conversation goes in it), rename or delete one from its tab's menu, and fall
 * back to "All" when the shown tag is deleted (here or on another device). A refusal the dialog cannot
 * show (deleting a tag, checking one in the menu) goes to the host's error line.
 */
import { nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ErrorCode } from '../../protocol/error-codes.js';
import { MessagingLimits } from '../../protocol/messaging-limits.js';
import { TAG_NAME_MAX, createTag, removeTag, renameTag, setConversationTagged, tagNameProblem, type KitConversation, type KitStore, type KitTag } from '../../services/store/index.js';
import type { MenuController, MenuItem } from '../menu/menu.js';
import { LazyPart } from '../shared/lazy-part.js';
import type { TagDialogController, TagDialogRequest, TagDialogTexts } from './tag-dialog.js';
import { tagMenuItems, tagTabMenuItems } from './tag-menu.js';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment; tagFilter: string };
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
}

const notReady = { code: ErrorCode.BIZ_ERROR_CLIENT_NOT_INIT, msg: 'no kit store' };

/** The tag dialog's words for a refused name or a failed save. */
function dialogTexts(t: Translate): TagDialogTexts {
  return {
    t,
    nameProblem(name) {
      const problem = tagNameProblem(name);
      if (!problem) return '';
      return problem === 'empty' ? t('tags.errorEmpty') : t('tags.errorTooLong', { max: TAG_NAME_MAX });
    },
    errorText(code) {
      switch (code) {
        case ErrorCode.TAG_EXISTS:
          return t('tags.errorDuplicate');
        case ErrorCode.CONVERSATION_TAG_OVERSIZE:
          return t('tags.errorTooMany', { max: MessagingLimits.TAGS_MAX });
        case ErrorCode.TAG_NOT_EXIST:
          return t('tags.errorGone');
        default:
          return t('tags.errorFailed', { code });
      }
    },
  };
}

export class TagActions implements ReactiveController {
  readonly #host: Host;
  readonly #options: TagActionsOptions;
  /** The name dialog, loaded the first time the user creates or renames a tag. */
  readonly #dialog: LazyPart<TagDialogController>;
  #lastTags: readonly KitTag[] | null = null;

  constructor(host: Host, options: TagActionsOptions) {
    this.#host = host;
    this.#options = options;
    this.#dialog = new LazyPart(host, async () => {
      const module = await import('./tag-dialog.js');
      return { part: new module.TagDialogController(host, dialogTexts(options.t)), styles: module.tagDialogStyles };
    });
    host.addController(this);
  }

  /** A deleted tag cannot stay the filter: show "All" instead. */
  hostUpdate(): void {
    const tags = this.#options.store()?.state.tags ?? null;
    const before = this.#lastTags;
    if (tags === before) return;
    this.#lastTags = tags;
    const filter = this.#host.tagFilter;
    if (filter && before?.some((t) => t.tagId === filter) && !tags?.some((t) => t.tagId === filter)) this.#options.filter('');
  }

  /** Items of a conversation's "Tags…": its tags to check or uncheck, and "New tag…". */
  conversationItems(conversation: KitConversation): MenuItem[] {
    // After the menu has closed and given focus back, so the dialog takes it from there.
    const newTag = () => void this.#host.updateComplete.then(() => this.#newTagFor(conversation));
    const refused = (code: number) => this.#options.showError(this.#options.t('tags.changeFailed', { code }));
    return tagMenuItems(this.#options.store(), conversation, this.#options.t, { newTag, refused });
  }

  /** Opens the menu of the tab of `tagId` ("All" has none); false when there is nothing to open. */
  openTabMenu(tagId: string, origin: HTMLElement, point?: { x: number; y: number }): boolean {
    const tag = this.#options.store()?.state.tags.find((t) => t.tagId === tagId);
    if (!tag || this.#options.menu.isOpen) return false;
    const items = tagTabMenuItems(tag, this.#options.t, {
      rename: () => void this.#host.updateComplete.then(() => this.#rename(tag)),
      remove: () => void this.#remove(tag.tagId),
    });
    return this.#options.menu.open(items, origin, this.#options.t('tags.menuLabel'), point);
  }

  /** The dialog's template; render it in the host's template. */
  render(): TemplateResult | typeof nothing {
    return this.#dialog.current?.render() ?? nothing;
  }

  #newTagFor(conversation: KitConversation): void {
    let created: string | undefined;
    this.#openDialog({
      title: 'tags.newTitle',
      action: 'tags.create',
      save: async (name) => {
        const store = this.#options.store();
        if (!store) return notReady;
        // A retry after the tag was made but the conversation not added reuses the tag.
        const res = created ? await renameTag(store, created, name) : await createTag(store, name);
        if (res.code !== 0) return res;
        created ??= res.data as string;
        return setConversationTagged(store, created, conversation, true);
      },
      returnFocus: () => this.#options.row(conversation.key) ?? this.#options.fallbackFocus(),
    });
  }

  #rename(tag: KitTag): void {
    this.#openDialog({
      title: 'tags.renameTitle',
      action: 'tags.save',
      initial: tag.tagName,
      save: async (name) => {
        const store = this.#options.store();
        return store ? renameTag(store, tag.tagId, name) : notReady;
      },
      returnFocus: () => this.#tab(tag.tagId) ?? this.#selectedTab() ?? this.#options.fallbackFocus(),
    });
  }

  async #remove(tagId: string): Promise<void> {
    const store = this.#options.store();
    if (!store) return;
    const res = await removeTag(store, tagId);
    if (res.code !== 0) this.#options.showError(this.#options.t('tags.deleteFailed', { code: res.code }));
    await this.#host.updateComplete;
    // The focused tab is gone with its tag: the selected tab (or the list) takes focus.
    const active = document.activeElement;
    if (!active || active === document.body || active === this.#host) (this.#selectedTab() ?? this.#options.fallbackFocus())?.focus();
  }

  #openDialog(request: TagDialogRequest): void {
    void this.#dialog.get().then((dialog) => dialog.open(request));
  }

  #tab(tagId: string): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>(`[role="tab"][data-tag-id="${CSS.escape(tagId)}"]`);
  }

  #selectedTab(): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
  }
}
