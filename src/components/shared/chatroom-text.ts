/** Texts about a chatroom shared by the message list and the editor: where the user stands, why they cannot send. */
import { mainRestriction, type ChatroomRestriction, type ChatroomView } from '../../services/store/index.js';
import { formatClock } from './format.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A remaining time as `m:ss`, or `h:mm:ss` from an hour up; never negative. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Why the user cannot send, with when it ends: "You are muted in this room · Ends at 10:42 (4:30 left)". */
export function restrictionText(
  restriction: ChatroomRestriction,
  t: Translate,
  locale: string,
  now = Date.now(),
): string {
  const reason = t(`chatroom.restriction.${restriction.reason}`);
  if (!restriction.until) return reason;
  const left = formatRemaining(restriction.until - now);
  // An unexplained refusal has no known end: the time says when sending may be tried again.
  const detail =
    restriction.reason === 'muted'
      ? t('chatroom.retry', { left })
      : t('chatroom.until', { time: formatClock(restriction.until, locale), left });
  return `${reason} · ${detail}`;
}

/** Where the user stands when not in the room ("This room has ended"), or '' while they are in it. */
export function roomStatusText(room: ChatroomView, t: Translate): string {
  if (room.status === 'joined') return '';
  return t(`chatroom.status.${room.status}`, { code: room.errorCode });
}

/**
 * The editor's short word on a block ("Blocked from this room · 4:59 left"): the room's header already says
 * it in full, with the time it ends.
 */
function blockedHint(restriction: ChatroomRestriction, t: Translate, now: number): string {
  return restriction.until
    ? t('chatroom.blockedFor', { left: formatRemaining(restriction.until - now) })
    : t('chatroom.blockedShort');
}

/**
 * What keeps the user from writing to a room, as one line for the editor: a short word on a block, the
 * room's status when they are not in it, else the main restriction; null when they may send.
 */
export function chatroomLockText(
  room: ChatroomView | undefined,
  t: Translate,
  locale: string,
  now = Date.now(),
): string | null {
  if (!room) return null;
  const restriction = mainRestriction(room);
  if (restriction?.reason === 'blocked') return blockedHint(restriction, t, now);
  if (room.status !== 'joined') return roomStatusText(room, t);
  return restriction ? restrictionText(restriction, t, locale, now) : null;
}
