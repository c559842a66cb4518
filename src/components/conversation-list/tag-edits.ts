/**
 * What the tag actions do once a user asks (tag-actions.ts loads this module with the first tag menu):
 * the items of a conversation's "Tags…" (one checkable item per tag, then "New tag…"), the menu of a tag
 * tab ("Rename…", "Delete tag", confirmed), the name dialog's texts and the store calls behind them.
 * Everything it needs from the first screen's modules comes through `TagActionsOptions`.
 */
import { ErrorCode, MessagingLimits } from '../../protocol/constants.js';
import type { KitConversation, KitStore, KitTag } from '../../services/store/index.js';
import type { MenuItem } from '../menu/menu.js';
import type { TagActionsOptions, TagHost } from './tag-actions.js';
import type { TagDialogRequest, TagDialogTexts } from './tag-dialog.js';
import '../../i18n/features/tags.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const notReady = { code: ErrorCode.BIZ_ERROR_CLIENT_NOT_INIT, msg: 'no kit store' };

/** The tag dialog's words for a refused name or a failed save. */
/** The name dialog's texts: its problems and the server's refusals in words. */
export function dialogTexts(t: Translate, nameProblem: TagActionsOptions['nameProblem']): TagDialogTexts {
  return {
    t,
    nameProblem(name) {
      const problem = nameProblem(name);
      if (!problem) return '';
      return problem === 'empty' ? t('tags.errorEmpty') : t('tags.errorTooLong', { max: MessagingLimits.TAG_NAME_MAX });
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

/** What the "Tags…" items run besides the store action. */
export interface TagMenuActions {
  /** Opens the "New tag" dialog. */
  newTag(): void;
  /** The server refused adding or removing the conversation (e.g. the tag was deleted meanwhile). */
  refused(code: number): void;
}

/**
 * Items that add `conversation` to a tag or take it out (checked where it is in the tag), then
 * "New tag…".
 */
export function tagMenuItems(
  store: KitStore | undefined,
  conversation: KitConversation,
  t: Translate,
  actions: TagMenuActions,
): MenuItem[] {
  if (!store) return [];
  const tags: MenuItem[] = store.state.tags.map((tag) => {
    const tagged = (store.state.tagMembers[tag.tagId] ?? []).includes(conversation.key);
    return {
      id: `tag-${tag.tagId}`,
      label: tag.tagName,
      checked: tagged,
      run: () =>
        void store.setConversationTagged(tag.tagId, conversation, !tagged).then((res) => {
          if (res.code !== 0) actions.refused(res.code);
        }),
    };
  });
  return [...tags, { id: 'tag-new', label: t('menu.newTag'), run: actions.newTag }];
}

/** The menu of a tag tab: "Rename…" and "Delete tag", which asks first. */
export function tagTabMenuItems(tag: KitTag, t: Translate, actions: { rename(): void; remove(): void }): MenuItem[] {
  return [
    { id: 'tag-rename', label: t('tags.rename'), run: actions.rename },
    {
      id: 'tag-delete',
      label: t('tags.delete'),
      run: actions.remove,
      submenu: () => [
        {
          id: 'tag-delete-confirm',
          label: t('tags.deleteConfirm', { name: tag.tagName }),
          run: actions.remove,
          danger: true,
        },
        { id: 'cancel', label: t('menu.cancel'), run: () => undefined },
      ],
    },
  ];
}

/** The tag flows of one conversation list: the dialogs of "New tag…" and "Rename…", and deleting a tag. */
export class TagEdits {
  readonly #host: TagHost;
  readonly #options: TagActionsOptions;
  readonly #openDialog: (request: TagDialogRequest) => void;

  constructor(host: TagHost, options: TagActionsOptions, openDialog: (request: TagDialogRequest) => void) {
    this.#host = host;
    this.#options = options;
    this.#openDialog = openDialog;
  }

  /** Items of a conversation's "Tags…": its tags to check or uncheck, and "New tag…". */
  conversationItems(conversation: KitConversation): MenuItem[] {
    // After the menu has closed and given focus back, so the dialog takes it from there.
    const newTag = () => void this.#host.updateComplete.then(() => this.#newTagFor(conversation));
    const refused = (code: number) => this.#options.showError(this.#options.t('tags.changeFailed', { code }));
    return tagMenuItems(this.#options.store(), conversation, this.#options.t, { newTag, refused });
  }

  /** The menu of a tag's tab. */
  tabItems(tag: KitTag): MenuItem[] {
    return tagTabMenuItems(tag, this.#options.t, {
      rename: () => void this.#host.updateComplete.then(() => this.#rename(tag)),
      remove: () => void this.#remove(tag.tagId),
    });
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
        const res = created ? await store.renameTag(created, name) : await store.createTag(name);
        if (res.code !== 0) return res;
        created ??= res.data as string;
        return store.setConversationTagged(created, conversation, true);
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
        return store ? store.renameTag(tag.tagId, name) : notReady;
      },
      returnFocus: () => this.#tab(tag.tagId) ?? this.#selectedTab() ?? this.#options.fallbackFocus(),
    });
  }

  async #remove(tagId: string): Promise<void> {
    const store = this.#options.store();
    if (!store) return;
    const res = await store.removeTag(tagId);
    if (res.code !== 0) this.#options.showError(this.#options.t('tags.deleteFailed', { code: res.code }));
    await this.#host.updateComplete;
    // The focused tab is gone with its tag: the selected tab (or the list) takes focus.
    const active = document.activeElement;
    if (!active || active === document.body || active === this.#host)
      (this.#selectedTab() ?? this.#options.fallbackFocus())?.focus();
  }

  #tab(tagId: string): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>(`[role="tab"][data-tag-id="${CSS.escape(tagId)}"]`);
  }

  #selectedTab(): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
  }
}
