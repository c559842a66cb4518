/**
 * The message list's header for one-to-one and group conversations: avatar, name, a group's member count
 * ("Weekend trip (4)", as the seeds' IMKit shows it) and the typing line. Chatrooms have their own
 * header (chatroom-header.ts).
 */
import { css, html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { ConversationType } from '../../protocol/constants.js';
import type { ConversationProfile } from '../../services/profile/types.js';
import type { KitConversation, KitStore } from '../../services/store/index.js';
import { renderAvatar } from '../avatar/avatar.js';
import type { StoreHost } from '../shared/store-controller.js';
import { renderTypingIndicator } from './indicators/typing-indicator.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What the header shows. */
export interface HeaderView {
  conversation: KitConversation;
  name: string;
  portraitUri: string;
  /** The conversation's profile (`getConversationProfile`, `updateConversationProfile`), if any. */
  profile: ConversationProfile | undefined;
  typing: readonly string[];
  nameOf(userId: string): string;
  t: Translate;
}

/**
 * Renders the header and finds a group's member count: the profile's `memberCount` (the seeds' field of
 * `getConversationProfile`), else the size of the app's `getGroupMembers` list (cached, the one the
 * @mention list uses), else none.
 */
export class ConversationHeader implements ReactiveController {
  readonly #host: StoreHost & { readonly kitStore: KitStore | undefined };
  /** Member list sizes per conversation key, once the app's `getGroupMembers` answered. */
  readonly #listed = new Map<string, number>();
  readonly #asked = new Set<string>();

  constructor(host: StoreHost & { readonly kitStore: KitStore | undefined }) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The group's member count to show, or 0 when the kit does not know it (yet). */
  memberCount(conversation: KitConversation, profile: ConversationProfile | undefined): number {
    if (conversation.conversationType !== ConversationType.GROUP) return 0;
    if (profile?.memberCount) return profile.memberCount;
    const listed = this.#listed.get(conversation.key);
    if (listed !== undefined) return listed;
    this.#askMembers(conversation);
    return 0;
  }

  render(view: HeaderView): TemplateResult {
    const { conversation, name, t } = view;
    const count = this.memberCount(conversation, view.profile);
    return html`<div class="header" part="header">
      ${renderAvatar({ id: conversation.targetId, name, portraitUri: view.portraitUri })}
      <span class="title">${name}</span>${
        count > 0
          ? html`<span class="member-count group-count" part="member-count"
              ><span aria-hidden="true">(${count})</span><span class="visually-hidden">${t('messageList.members', { count })}</span></span
            >`
          : nothing
      }
      ${renderTypingIndicator(conversation.key, view.typing, view.nameOf, t)}
    </div>`;
  }

  #askMembers(conversation: KitConversation): void {
    const store = this.#host.kitStore;
    if (!store || this.#asked.has(conversation.key)) return;
    this.#asked.add(conversation.key);
    void store.profiles.getGroupMembers(conversation).then((members) => {
      if (!members.length) return;
      this.#listed.set(conversation.key, members.length);
      this.#host.requestUpdate();
    });
  }
}

/** The count beside a group's name: the name's weight and colour would read as part of the name. */
export const conversationHeaderStyles = css`
  .group-count {
    flex: none;
    margin-inline-start: -0.25em;
    font-weight: 400;
    color: var(--parley-color-text-secondary, var(--_text-secondary));
    font-variant-numeric: tabular-nums;
  }
`;
