/** Conversations and messages: re-exported from constants.ts, where every protocol constant lives (see there). */
export {
  ConversationType,
  MESSAGING_CONVERSATION_TYPES,
  MessageDirection,
  MentionedType,
  MessageType,
  type BuiltInMessageType,
} from './constants.js';
