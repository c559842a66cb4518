/** Formatting shared by the elements: times, dates, previews, initials. */
import { MessageType } from '../../protocol/constants.js';
import type { IReceivedMessage } from '../../services/client/types.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const DAY = 24 * 60 * 60 * 1000;

function startOfDay(time: number): number {
  const d = new Date(time);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const MONTH_DAY: Intl.DateTimeFormatOptions = { month: 'numeric', day: 'numeric' };
const SHORT_DATE: Intl.DateTimeFormatOptions = { dateStyle: 'short' };
const DAY_LABEL: Intl.DateTimeFormatOptions = { month: 'long', day: 'numeric', weekday: 'short' };
const LONG_DATE: Intl.DateTimeFormatOptions = { dateStyle: 'long' };

/** Formatters by locale and options: building one costs far more than using it, and lists format thousands. */
const formatters = new Map<string, Map<Intl.DateTimeFormatOptions, Intl.DateTimeFormat>>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let byOptions = formatters.get(locale);
  if (!byOptions) formatters.set(locale, (byOptions = new Map()));
  let format = byOptions.get(options);
  if (!format) byOptions.set(options, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/** Whether two times fall on the same local day. */
export function isSameDay(a: number, b: number): boolean {
  return startOfDay(a) === startOfDay(b);
}

/** `HH:mm` in 24-hour form. */
export function formatClock(time: number, locale: string): string {
  return formatter(locale, CLOCK).format(time);
}

/** A conversation list time: today `HH:mm`, yesterday, this year month+day, else the full date. */
export function formatListTime(time: number, locale: string, t: Translate, now = Date.now()): string {
  if (!time) return '';
  if (isSameDay(time, now)) return formatClock(time, locale);
  if (isSameDay(time, startOfDay(now) - DAY)) return t('time.yesterday');
  const sameYear = new Date(time).getFullYear() === new Date(now).getFullYear();
  return formatter(locale, sameYear ? MONTH_DAY : SHORT_DATE).format(time);
}

/** A date separator label in the message list. */
export function formatDayLabel(time: number, locale: string, t: Translate, now = Date.now()): string {
  if (isSameDay(time, now)) return t('messageList.today');
  if (isSameDay(time, startOfDay(now) - DAY)) return t('time.yesterday');
  const sameYear = new Date(time).getFullYear() === new Date(now).getFullYear();
  return formatter(locale, sameYear ? DAY_LABEL : LONG_DATE).format(time);
}

/** The text of a text-like message, or '' for other types. */
export function messageText(message: Pick<IReceivedMessage, 'messageType' | 'content'>): string {
  const content = message.content as { content?: unknown } | null | undefined;
  if (message.messageType === MessageType.TEXT || message.messageType === MessageType.REFERENCE) {
    return typeof content?.content === 'string' ? content.content : '';
  }
  return '';
}

/** Whether a message is a notice (recall, tip bar, group notice) rather than someone's words. */
export function isNoticeType(messageType: string): boolean {
  return (
    messageType === MessageType.RECALL_MESSAGE_NOTIFICATION ||
    messageType === MessageType.INFORMATION_NOTIFICATION ||
    messageType === MessageType.GROUP_NOTIFICATION
  );
}

/** Who is looking, and how to name other users, for "You recalled" / "X recalled" texts. */
export interface Viewer {
  userId: string;
  nameOf(userId: string): string;
}

/**
 * The text of a notice message (`RC:RcNtf`, `RC:InfoNtf`, `RC:GrpNtf`), or '' for other types.
 * A recall reads "You recalled a message" for the viewer's own, "X recalled a message" otherwise.
 */
export function noticeText(
  message: Pick<IReceivedMessage, 'messageType' | 'content' | 'senderUserId'>,
  t: Translate,
  viewer?: Viewer,
): string {
  const content = (message.content ?? {}) as { message?: unknown; operatorId?: unknown };
  switch (message.messageType) {
    case MessageType.RECALL_MESSAGE_NOTIFICATION: {
      const operator =
        typeof content.operatorId === 'string' && content.operatorId ? content.operatorId : message.senderUserId;
      if (viewer && operator === viewer.userId) return t('message.recalledByMe');
      return t('message.recalledBy', { name: viewer ? viewer.nameOf(operator) : operator });
    }
    case MessageType.INFORMATION_NOTIFICATION:
    case MessageType.GROUP_NOTIFICATION:
      return typeof content.message === 'string' && content.message.trim()
        ? content.message.replace(/\s+/g, ' ').slice(0, 500)
        : t(`messageType.${message.messageType}`);
    default:
      return '';
  }
}

/** One-line preview of a message: its text, a notice's text, or a localized label such as "[Image]". */
export function previewText(
  message:
    | (Pick<IReceivedMessage, 'messageType' | 'content'> & Partial<Pick<IReceivedMessage, 'senderUserId'>>)
    | null
    | undefined,
  t: Translate,
  viewer?: Viewer,
): string {
  if (!message) return '';
  const text = messageText(message);
  if (text) return text.replace(/\s+/g, ' ').slice(0, 200);
  const notice = noticeText({ senderUserId: '', ...message }, t, viewer);
  if (notice) return notice;
  const label = t(`messageType.${message.messageType}`, { defaultValue: '' });
  if (!label) return t('messageType.unknown');
  const content = (message.content ?? {}) as { name?: unknown; title?: unknown; poi?: unknown };
  const detail =
    message.messageType === MessageType.FILE
      ? content.name
      : message.messageType === MessageType.RICH_CONTENT
        ? content.title
        : message.messageType === MessageType.LOCATION
          ? content.poi
          : '';
  return typeof detail === 'string' && detail.trim() ? `${label} ${detail.replace(/\s+/g, ' ').slice(0, 100)}` : label;
}

/** Up to two initials of a name, for an avatar without a picture. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]!][0] ?? '?';
  // Latin names: first letters of two words; CJK names: the first character.
  const second = words.length > 1 && /^[A-Za-z]/.test(first) ? ([...words[1]!][0] ?? '') : '';
  return (first + second).toUpperCase();
}

/** A stable hue (0–359) for an id, so initials avatars differ by user. */
export function hueOf(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % 360;
}
