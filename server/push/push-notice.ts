/**
 * What one offline recipient's push says: title, text, data and badge, from the message and the
 * push fields its sender set (the seeds' `pushContent`, `pushData`, `isVoipPush`, `IPushConfig`).
 */
import { ConversationType, MessageType } from '../../src/protocol/enums.js';
import type { WireMessage } from '../../src/protocol/frames.js';

/** The push fields of a send (client frame or Server API). */
export interface PushRequest {
  pushContent?: string;
  pushData?: string;
  isVoipPush?: boolean;
  pushConfig?: {
    pushTitle?: string;
    pushContent?: string;
    pushData?: string;
    disablePushTitle?: boolean;
    forceShowDetailContent?: boolean;
    iOSConfig?: Record<string, unknown>;
    androidConfig?: Record<string, unknown>;
  };
}

/** One push, as the app's webhook receives it (docs/push.md). */
export interface PushNotice {
  /** Who to notify. */
  userId: string;
  title: string;
  content: string;
  data: string;
  /** The user's unread count over all conversations, for the app icon. */
  badge: number;
  isVoipPush: boolean;
  /** The message, from the recipient's side (`targetId` of a private message is its sender). */
  message: {
    messageUId: string;
    conversationType: number;
    targetId: string;
    senderUserId: string;
    objectName: string;
    sentTime: number;
  };
  disablePushTitle?: boolean;
  forceShowDetailContent?: boolean;
  iOSConfig?: Record<string, unknown>;
  androidConfig?: Record<string, unknown>;
}

const MAX_TEXT = 256;

/** The default text of built-in types; custom types push only with a `pushContent`. */
function defaultContent(message: WireMessage): string | null {
  const content = message.content;
  const text = (key: string) => (typeof content[key] === 'string' ? (content[key] as string) : '');
  switch (message.messageType) {
    case MessageType.TEXT:
    case MessageType.REFERENCE:
      return text('content');
    case MessageType.IMAGE:
    case MessageType.GIF:
      return '[Image]';
    case MessageType.HQ_VOICE:
      return '[Voice]';
    case MessageType.SIGHT:
      return '[Video]';
    case MessageType.FILE:
      return `[File] ${text('name')}`.trim();
    case MessageType.LOCATION:
      return '[Location]';
    case MessageType.RICH_CONTENT:
      return text('title') || '[Link]';
    case 'RC:CombineMsg':
      return '[Chat history]';
    default:
      return null;
  }
}

const clip = (value: string) => (value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value);

/**
 * The push for one recipient, or null when the message makes none (a custom type without
 * `pushContent`). `names` gives the default title: the sender's name (private) or the group's.
 */
export function pushNotice(
  message: WireMessage,
  recipient: string,
  request: PushRequest | undefined,
  defaults: { senderName: string; groupName: string; badge: number },
): PushNotice | null {
  const config = request?.pushConfig ?? {};
  const content = config.pushContent ?? request?.pushContent ?? defaultContent(message);
  if (content === null) return null;
  const isGroup = message.conversationType === ConversationType.GROUP;
  const builtIn = defaultContent(message) !== null;
  const defaultTitle = builtIn ? (isGroup ? defaults.groupName : defaults.senderName) : '';
  return {
    userId: recipient,
    title: config.disablePushTitle ? '' : clip(config.pushTitle ?? defaultTitle),
    content: clip(content),
    data: config.pushData ?? request?.pushData ?? '',
    badge: defaults.badge,
    isVoipPush: request?.isVoipPush ?? false,
    message: {
      messageUId: message.messageUId,
      conversationType: message.conversationType,
      targetId: isGroup || message.senderUserId === recipient ? message.targetId : message.senderUserId,
      senderUserId: message.senderUserId,
      objectName: message.messageType,
      sentTime: message.sentTime,
    },
    ...(config.disablePushTitle !== undefined ? { disablePushTitle: config.disablePushTitle } : {}),
    ...(config.forceShowDetailContent !== undefined ? { forceShowDetailContent: config.forceShowDetailContent } : {}),
    ...(config.iOSConfig ? { iOSConfig: config.iOSConfig } : {}),
    ...(config.androidConfig ? { androidConfig: config.androidConfig } : {}),
  };
}
