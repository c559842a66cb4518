/** Reading a message's content defensively (a message from the wire may carry anything), and sizes derived from it. */
import type { KitMessage } from '../../../services/store/index.js';

export type Content = Record<string, unknown>;

/** The content object of a message, or an empty one when it has none. */
export function contentOf(message: Pick<KitMessage, 'content'>): Content {
  return message.content && typeof message.content === 'object' ? (message.content as Content) : {};
}

/** A whole number of seconds, 0 for anything that is not a positive number. */
export function seconds(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

/** Width of a voice bubble, em: longer messages get a longer bar, as in every chat app. */
export function voiceWidth(duration: number): number {
  return 8 + Math.round((Math.min(duration, 60) / 60) * 60) / 10;
}
