/** Message classes: the built-in ones and `registerMessageType` for custom types. */
import { ErrorCode, MentionedType, MessageType } from '../../protocol/constants.js';

// A wire value the kit's editor needs too, so it lives with the protocol's other enums.
export { MentionedType };

/** The `mentionedInfo` of a text message. */
export interface IMentionedInfo {
  type: MentionedType;
  userIdList?: string[];
  mentionedContent?: string;
}

/** Sending state of an own message, numbered as in IMLib. */
export const SentStatus = {
  SENDING: 10,
  FAILED: 20,
  SENT: 30,
  RECEIVED: 40,
  READ: 50,
  DESTROYED: 60,
  CANCELED: 70,
} as const;
export type SentStatus = (typeof SentStatus)[keyof typeof SentStatus];

/**
 * A message to send: a type name ("object name") and a JSON-serialisable content object. Built-in
 * and registered messages are instances; any object of this shape is accepted by `sendMessage`.
 */
export class BaseMessage<T extends object = Record<string, unknown>> {
  /**
   * @param messageType type name, e.g. `RC:TxtMsg`
   * @param content the message body, sent as JSON
   * @param isPersisted stored in history (default true)
   * @param isCounted counted as unread (default true)
   * @param isStatusMessage neither stored nor counted; delivered only to online devices (default false)
   */
  constructor(
    readonly messageType: string,
    readonly content: T,
    readonly isPersisted: boolean = true,
    readonly isCounted: boolean = true,
    readonly isStatusMessage: boolean = false,
  ) {}
}

/** Body of `RC:TxtMsg`. */
export interface ITextMessageBody {
  content: string;
  extra?: string;
  mentionedInfo?: IMentionedInfo;
}

/** A text message (`RC:TxtMsg`). */
export class TextMessage extends BaseMessage<ITextMessageBody> {
  /** @param content `{ content, extra?, mentionedInfo? }` */
  constructor(content: ITextMessageBody) {
    super(MessageType.TEXT, content);
  }
}

/** The constructor `registerMessageType` returns. */
export interface RegisteredMessageConstructor<T extends object = Record<string, unknown>> {
  new (content: T): BaseMessage<T>;
  readonly messageType: string;
}

/** An error thrown by synchronous client APIs that cannot return a result object. */
export class ParleyClientError extends Error {
  /** @param code an ErrorCode */
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ParleyClientError';
  }
}

/** Registered custom types by name: how they are flagged when sent. */
const registry = new Map<
  string,
  { isPersisted: boolean; isCounted: boolean; isStatusMessage: boolean; searchProps: string[] }
>();

const TYPE_NAME = /^[A-Za-z0-9_:\-.]{1,32}$/;

/**
 * Registers a custom message type and returns its constructor (`new PersonMessage({ name })`).
 * Call it before `connect`, once per type.
 *
 * @throws ParleyClientError (code `BIZ_ERROR_INVALID_PARAMETER`) for names starting with `RC:`
 *   (reserved for built-in types, as the seeds say) and for names the server would refuse
 *   (1–32 letters, digits or `_:-.`).
 */
export function registerMessageType<T extends object = Record<string, unknown>>(
  messageType: string,
  isPersisted: boolean,
  isCounted: boolean,
  searchProps: string[] = [],
  isStatusMessage = false,
): RegisteredMessageConstructor<T> {
  if (typeof messageType !== 'string' || !TYPE_NAME.test(messageType)) {
    throw new ParleyClientError(
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
      `invalid message type name: ${String(messageType)}`,
    );
  }
  if (messageType.startsWith('RC:')) {
    throw new ParleyClientError(
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
      `message types starting with 'RC:' are reserved: ${messageType}`,
    );
  }
  // Status messages are never stored or counted (seeds), whatever the other flags say.
  const flags = isStatusMessage
    ? { isPersisted: false, isCounted: false, isStatusMessage: true, searchProps }
    : { isPersisted, isCounted, isStatusMessage: false, searchProps };
  registry.set(messageType, flags);
  return class RegisteredMessage extends BaseMessage<T> {
    static readonly messageType = messageType;
    constructor(content: T) {
      super(messageType, content, flags.isPersisted, flags.isCounted, flags.isStatusMessage);
    }
  };
}

/** Whether `messageType` was registered with `registerMessageType`. */
export function isRegisteredMessageType(messageType: string): boolean {
  return registry.has(messageType);
}
