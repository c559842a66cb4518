/**
 * Where a message sits among its neighbours: runs of one sender share one avatar and one name, and a
 * centred time line replaces a time on every message. The rules follow what the seeds' IMKit, WeChat,
 * Sendbird and Stream show; the two windows below are ours (the seeds give no figure).
 */
import { MessageDirection } from '../../protocol/constants.js';
import type { KitMessage } from '../../services/store/index.js';
import { formatClock, formatDayLabel, isSameDay } from '../shared/format.js';
import { isMemberNotice } from './chatroom-header.js';
import { NOTICE_TYPES } from './renderers/index.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Consecutive messages of one sender at most this far apart (3 minutes) form one run. */
export const RUN_WINDOW_MS = 3 * 60 * 1000;
/** A centred time line shows before a message sent this long (5 minutes) after the one above it. */
export const TIME_GAP_MS = 5 * 60 * 1000;

/** A message's place in its run and the line above it. */
export interface Placement {
  /** First of its run: shows the avatar and (in groups) the sender's name. */
  readonly runStart: boolean;
  /** Last of its run: shows the time under the bubble; the next row keeps the full gap. */
  readonly runEnd: boolean;
  /** The line above the message: `day` (a new day: its label and time), `time` (a long pause), or none. */
  readonly separator: 'day' | 'time' | undefined;
}

/** Whether a message is drawn as a bubble of someone's (notices stand alone and break runs). */
function isBubble(message: KitMessage): boolean {
  return !NOTICE_TYPES.has(message.messageType) && !isMemberNotice(message);
}

function separatorBefore(previous: KitMessage | undefined, message: KitMessage): Placement['separator'] {
  if (!previous || !isSameDay(previous.sentTime, message.sentTime)) return 'day';
  return message.sentTime - previous.sentTime > TIME_GAP_MS ? 'time' : undefined;
}

/** Whether `b`, directly after `a` with no line between them, continues `a`'s run. */
function continues(a: KitMessage, b: KitMessage): boolean {
  return (
    isBubble(a) &&
    isBubble(b) &&
    a.senderUserId === b.senderUserId &&
    (a.messageDirection === MessageDirection.SEND) === (b.messageDirection === MessageDirection.SEND) &&
    b.sentTime - a.sentTime <= RUN_WINDOW_MS &&
    b.sentTime >= a.sentTime
  );
}

/** Where `message` sits between `previous` and `next` (its neighbours in the list, if any). */
export function placeMessage(
  previous: KitMessage | undefined,
  message: KitMessage,
  next: KitMessage | undefined,
): Placement {
  const separator = separatorBefore(previous, message);
  const runStart = !previous || separator !== undefined || !continues(previous, message);
  const runEnd = !next || separatorBefore(message, next) !== undefined || !continues(message, next);
  return { runStart, runEnd, separator };
}

/** The text of a separator: the day and time on a new day ("Today 09:12"), the time alone after a pause. */
export function separatorLabel(kind: 'day' | 'time', time: number, locale: string, t: Translate): string {
  const clock = formatClock(time, locale);
  return kind === 'day' ? `${formatDayLabel(time, locale, t)} ${clock}` : clock;
}
