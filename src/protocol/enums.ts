/** Conversation kinds, numbered as in the IMLib docs so apps can swap imports. */
export const ConversationType = {
  NONE: 0,
  PRIVATE: 1,
  DISCUSSION: 2,
  GROUP: 3,
  CHATROOM: 4,
  CUSTOMER_SERVICE: 5,
  SYSTEM: 6,
  APP_PUBLIC_SERVICE: 7,
  PUBLIC_SERVICE: 8,
  ULTRA_GROUP: 10,
} as const;
export type ConversationType = (typeof ConversationType)[keyof typeof ConversationType];

/** Conversation types the server accepts messages for in this release. */
export const MESSAGING_CONVERSATION_TYPES: readonly ConversationType[] = [
  ConversationType.PRIVATE,
  ConversationType.GROUP,
];

/** Whether a message was sent by the viewing user (SEND) or to them (RECEIVE). */
export const MessageDirection = { SEND: 1, RECEIVE: 2 } as const;
export type MessageDirection = (typeof MessageDirection)[keyof typeof MessageDirection];

/** Who a group message mentions (seeds' spelling `SINGAL` kept, `SINGLE` added). */
export const MentionedType = { ALL: 1, SINGAL: 2, SINGLE: 2 } as const;
export type MentionedType = (typeof MentionedType)[keyof typeof MentionedType];

/** Built-in message type names ("object names") as the IMLib docs spell them. */
export const MessageType = {
  TEXT: 'RC:TxtMsg',
  IMAGE: 'RC:ImgMsg',
  GIF: 'RC:GIFMsg',
  FILE: 'RC:FileMsg',
  HQ_VOICE: 'RC:HQVCMsg',
  SIGHT: 'RC:SightMsg',
  LOCATION: 'RC:LBSMsg',
  RICH_CONTENT: 'RC:ImgTextMsg',
  REFERENCE: 'RC:ReferenceMsg',
  INFORMATION_NOTIFICATION: 'RC:InfoNtf',
  GROUP_NOTIFICATION: 'RC:GrpNtf',
  RECALL_MESSAGE_NOTIFICATION: 'RC:RcNtf',
  COMMAND: 'RC:CmdMsg',
  TYPING_STATUS: 'RC:TypSts',
  CHATROOM_KV_NOTIFICATION: 'RC:chrmKVNotiMsg',
} as const;
export type BuiltInMessageType = (typeof MessageType)[keyof typeof MessageType];
