/**
 * Chatrooms in the message list (Parley): the "joined"/"left" rows, and the room's header, whose module
 * (chatroom-bar.ts) loads with the first room shown; until it arrives the header shows the room's
 * picture and name as for any conversation, and the host's `updateComplete` waits for it.
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import {
  MEMBER_NOTICE_TYPE,
  mainRestriction,
  type ChatroomView,
  type KitMessage,
  type MemberNoticeContent,
} from '../../services/store/index.js';
import type { UserProfile } from '../../services/profile/types.js';
import { renderAvatar } from '../avatar/avatar.js';
import { restrictionText, roomStatusText } from '../shared/chatroom-text.js';
import { LazyPart } from '../shared/lazy-part.js';
import { userDisplayName } from '../shared/names.js';

export interface ChatroomHeaderContext {
  room: ChatroomView;
  name: string;
  portraitUri: string;
  locale: string;
  /** The kit's current time, for "n:nn left". */
  now: number;
  t: (key: string, options?: Record<string, unknown>) => string;
  leave(): void;
  rejoin(): void;
}

/** What the header uses of the first screen's modules (an import from chatroom-bar.ts would split them into a shared chunk). */
const HELPERS = { mainRestriction, roomStatusText, restrictionText, renderAvatar };
export type ChatroomHeaderHelpers = typeof HELPERS;

/** The header of the open room, its module loaded the first time one is shown. */
export class ChatroomHeader {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #bar: LazyPart<typeof import('./chatroom-bar.js')>;
  #loading: Promise<unknown> | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    this.#bar = new LazyPart(host, async () => {
      const module = await import('./chatroom-bar.js');
      return { part: module, styles: module.chatroomHeaderStyles };
    });
  }

  /** A load under way: the host's `updateComplete` waits for it and the render after it. */
  get pending(): Promise<unknown> | null {
    return this.#bar.current ? null : this.#loading;
  }

  /** The room's header, or its picture and name while the header's module loads. */
  render(ctx: ChatroomHeaderContext): TemplateResult {
    const bar = this.#bar.current;
    if (bar) return bar.renderChatroomHeader(ctx, HELPERS);
    this.#loading ??= this.#bar.get().then(
      () => this.#host.requestUpdate(),
      () => (this.#loading = null),
    );
    const name = ctx.room.info?.name || ctx.name;
    return html`<div class="header chatroom-header" part="header">
      ${renderAvatar({ id: ctx.room.chatroomId, name, portraitUri: ctx.portraitUri })}
      <span class="title">${name}</span>
    </div>`;
  }
}

/** A join/leave row: "Alice joined". */
export function renderMemberNotice(
  message: KitMessage,
  users: Readonly<Record<string, UserProfile>>,
  t: (key: string, options?: Record<string, unknown>) => string,
): TemplateResult {
  const { userId, action } = message.content as unknown as MemberNoticeContent;
  const name = userDisplayName(userId, users);
  return html`<div class="notice member-notice" part="notice member-notice">${t(action === 'joined' ? 'chatroom.joined' : 'chatroom.left', { name })}</div>`;
}

/** Whether a row is a join/leave notice (hidden with `hide-member-notices`). */
export function isMemberNotice(message: KitMessage): boolean {
  return message.messageType === MEMBER_NOTICE_TYPE;
}
