/**
 * The message list's header for a chatroom (Parley): name (the room profile's, seeds 003, over the app's),
 * live member count and a Leave button while in the room, the room's announcement under it (two lines,
 * the rest in its tooltip), a "closed" note, plus a notice bar when the user is out of the room (ended,
 * removed, blocked until ...) with a button to join again where that can work.
 *
 * Loaded with the first room shown (chatroom-header.ts); what it uses of the first screen's modules
 * comes in `ChatroomHeaderHelpers`, since importing them would split them into a shared chunk.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { ChatroomHeaderContext, ChatroomHeaderHelpers } from './chatroom-header.js';

/** Statuses from which joining again may work (not while a block lasts). */
const REJOINABLE = new Set(['left', 'kicked', 'moved', 'failed']);

/** The header and, when the user is out of the room, the notice bar. */
export function renderChatroomHeader(ctx: ChatroomHeaderContext, h: ChatroomHeaderHelpers): TemplateResult {
  const { room, t } = ctx;
  const { mainRestriction, roomStatusText, restrictionText, renderAvatar } = h;
  const blocked = mainRestriction(room)?.reason === 'blocked' ? mainRestriction(room) : undefined;
  const status = roomStatusText(room, t);
  // A block says it all (it is why the user was removed): once, with when it ends.
  const notice = blocked ? restrictionText(blocked, t, ctx.locale, ctx.now) : status;
  const out = room.status !== 'joined' && room.status !== 'joining';
  const name = room.info?.name || ctx.name;
  const announcement = room.info?.announcement ?? '';
  return html`<div class="header chatroom-header" part="header">
      ${renderAvatar({ id: room.chatroomId, name, portraitUri: ctx.portraitUri })}
      <span class="title">${name}</span>
      ${
        room.status === 'joined'
          ? html`<span class="member-count" part="member-count">${t('chatroom.members', { count: room.memberCount })}</span>`
          : nothing
      }
      ${
        out
          ? nothing // Out of the room (removed, blocked, ended) there is nothing to leave; the notice says what can be done.
          : html`<button class="room-button" part="leave-button" type="button" aria-label=${t('chatroom.leaveLabel')} @click=${ctx.leave}>
            ${t('chatroom.leave')}
          </button>`
      }
    </div>
    ${
      announcement
        ? html`<div class="room-announcement" part="room-announcement" title=${announcement}>
          <span class="visually-hidden">${t('chatroom.announcement')}: </span><span class="announcement-text">${announcement}</span>
        </div>`
        : nothing
    }
    ${room.info?.closed && !out ? html`<div class="room-closed" part="room-closed">${t('chatroom.closed')}</div>` : nothing}
    ${
      notice
        ? html`<div class="room-notice ${out ? 'out' : ''}" part="room-notice" role="status" data-status=${room.status}>
          <span>${notice}</span>
          ${
            REJOINABLE.has(room.status) && !blocked
              ? html`<button class="room-button" part="rejoin-button" type="button" @click=${ctx.rejoin}>${t('chatroom.rejoin')}</button>`
              : nothing
          }
        </div>`
        : nothing
    }`;
}

export const chatroomHeaderStyles = css`
  .member-count {
    flex: none;
    font-weight: 400;
    font-size: max(11px, 0.8125em);
    color: var(--parley-color-text-secondary, var(--_text-secondary));
  }
  .chatroom-header .room-button {
    margin-inline-start: auto;
  }
  .room-button {
    flex: none;
    font: inherit;
    font-size: max(11px, 0.8125em);
    font-weight: 600;
    padding: 0.25em 0.75em;
    border-radius: 1em;
    border: 0.0625em solid var(--parley-color-border, var(--_border));
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .room-button:focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
    outline-offset: 0.125em;
  }
  .room-announcement,
  .room-closed {
    flex: none;
    padding: 0.375em 1em;
    font-size: max(11px, 0.8125em);
    border-block-end: 0.0625em solid var(--parley-color-border, var(--_border));
    background: var(--message-list-announcement-background, var(--parley-color-surface, var(--_surface)));
  }
  .announcement-text {
    /* Long announcements (up to 4096 characters) take two lines; the tooltip has the rest. */
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
    overflow-wrap: anywhere;
    white-space: pre-line;
  }
  .room-closed {
    color: var(--parley-color-text-secondary, var(--_text-secondary));
    text-align: center;
  }
  .room-notice {
    flex: none;
    display: flex;
    align-items: center;
    justify-content: center;
    flex-wrap: wrap;
    gap: 0.5em 0.75em;
    padding: 0.5em 1em;
    font-size: max(11px, 0.875em);
    text-align: center;
    background: var(--message-list-room-notice-background, var(--parley-color-surface, var(--_surface)));
    border-block-end: 0.0625em solid var(--parley-color-border, var(--_border));
  }
  .room-notice.out {
    color: var(--parley-color-danger, var(--_danger));
  }
  .room-notice .room-button {
    color: var(--parley-color-text, var(--_text));
  }
`;
