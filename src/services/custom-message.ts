/**
 * The `customMessage` option of `imkit.init`: HTML renderers for custom message types, keyed by
 * message type. Every string they return is untrusted and goes through `sanitizeHtml` before it
 * reaches the DOM.
 */
import type { IReceivedMessage } from './client/types.js';

/** Renders one message as an HTML string (inline styles only; classes are not supported, as in the seeds). */
export type CustomMessageRenderer = (message: IReceivedMessage) => string;

/** Renderers by message type, e.g. `{ 'kit:person': (message) => '<div>…</div>' }`. */
export type CustomMessageRenderers = Readonly<Record<string, CustomMessageRenderer>>;

/** The seeds' `customMessage`: where each kind of renderer is used. */
export interface CustomMessage {
  /** A message bubble in `<message-list>` (with avatar and name). */
  userMessage?: CustomMessageRenderers;
  /** A centred notice line in `<message-list>` (no avatar, no bubble). */
  notifyMessage?: CustomMessageRenderers;
  /** The last-message preview in `<conversation-list>`. */
  lastMessage?: CustomMessageRenderers;
}

/** Which renderer group a position uses. */
export type CustomMessagePlace = keyof CustomMessage;

/**
 * Calls the renderer for `message` in `place`; `undefined` when there is none, or it threw or
 * returned something other than a string (the error is logged, the kit shows a placeholder).
 */
export function renderCustomMessage(
  custom: CustomMessage | undefined,
  place: CustomMessagePlace,
  message: IReceivedMessage,
): string | undefined {
  const render = custom?.[place]?.[message.messageType];
  if (typeof render !== 'function') return undefined;
  try {
    const html = render(message);
    return typeof html === 'string' ? html : undefined;
  } catch (error) {
    console.error(`[parley] customMessage.${place}['${message.messageType}'] threw`, error);
    return undefined;
  }
}
