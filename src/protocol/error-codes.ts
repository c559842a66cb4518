import { MessagingErrorCode } from './messaging-codes.js';
import { ModerationErrorCode } from './moderation.js';
import { PresenceErrorCode } from './presence-constants.js';

/**
 * Result codes of the protocol client and of gateway replies. Values and names follow the IMLib
 * error code table, so `res.code === ErrorCode.SUCCESS` reads the same as with the seeds' SDK.
 */
export const ErrorCode = {
  SUCCESS: 0,
  /** The request got no reply in time. */
  TIMEOUT: -1,
  UNKNOWN: -2,
  ACTIVE_DISCONNECT: 2,
  SEND_FREQUENCY_TOO_FAST: 20604,
  REQUEST_OVER_FREQUENCY: 20607,
  NOT_IN_GROUP: 22406,
  FORBIDDEN_IN_GROUP: 22408,
  /** Chatroom codes (seeds 002, ~line 11480). */
  NOT_IN_CHATROOM: 23406,
  /** The room is closed: nobody new joins (CommsEase's 13002, "chat room status abnormal"). */
  CHATROOM_CLOSED: 13002,
  GET_USERINFO_ERROR: 23407,
  FORBIDDEN_IN_CHATROOM: 23408,
  RC_CHATROOM_USER_KICKED: 23409,
  RC_CHATROOM_NOT_EXIST: 23410,
  RC_CHATROOM_IS_FULL: 23411,
  RC_CHATROOM_PARAMETER_INVALID: 23412,
  CHATROOM_GET_HISTORYMSG_ERROR: 23413,
  CHATROOM_NOT_OPEN_HISTORYMSG_STORE: 23414,
  CHATROOM_KV_EXCEED: 23423,
  CHATROOM_KV_OVERWRITE_INVALID: 23424,
  CHATROOM_SET_PROPERTY_OVER_FREQUENCY: 23425,
  CHATROOM_KV_STORE_NOT_OPEN: 23426,
  CHATROOM_KEY_NOT_EXIST: 23427,
  CHATROOM_KV_STORE_NOT_ALL_SUCCESS: 23428,
  CHATROOM_KV_STORE_OUT_LIMIT: 23429,
  CHATROOM_KV_SET_ERROR: 23431,
  /** The connection is not usable (yet or any more): also the gateway's answer to any op before `connect`. */
  RC_NET_CHANNEL_INVALID: 30001,
  RC_NET_UNAVAILABLE: 30002,
  RC_MSG_RESP_TIMEOUT: 30003,
  RC_SOCKET_NOT_CREATED: 30010,
  RC_SOCKET_DISCONNECTED: 30011,
  RC_MSG_CONTENT_EXCEED_LIMIT: 30016,
  RC_CONN_ACK_TIMEOUT: 31000,
  RC_CONN_PROTO_VERSION_ERROR: 31001,
  RC_CONN_TOKEN_INCORRECT: 31004,
  /** App verification failed (the seeds' meaning; Parley's gateway has no app verification and never sends it). */
  RC_CONN_NOT_AUTHORIZED: 31005,
  RC_CONN_APP_BLOCKED_OR_DELETED: 31008,
  RC_CONN_USER_BLOCKED: 31009,
  /** The session was ended because the user connected elsewhere (the oldest socket over the cap). */
  RC_DISCONN_KICK: 31010,
  RC_CONN_TOKEN_EXPIRED: 31020,
  /** A connect refused because the user already holds as many sessions as allowed (`socketCapPolicy: 'refuse'`). */
  RC_DISCONN_SAME_CLIENT_ON_LINE: 31023,
  BIZ_ERROR_CLIENT_NOT_INIT: 33001,
  BIZ_ERROR_DATABASE_ERROR: 33002,
  BIZ_ERROR_INVALID_PARAMETER: 33003,
  BIZ_ERROR_CONNECTING: 33006,
  RC_CONNECTION_EXIST: 34001,
  CONNECTION_TIMEOUT: 34006,
  MESSAGE_NOT_REGISTERED: 34021,
  CONVERSATION_TYPE_NOT_SUPPORT: 34201,
  NOT_SUPPORT: 35004,
  ...MessagingErrorCode,
  ...ModerationErrorCode,
  ...PresenceErrorCode,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Result codes of the HTTP Server API (`code` in every response body). 200 is success, as in the
 * seeds' Server API; the others are Parley's, documented in docs/server-api.md.
 */
export const ServerApiCode = {
  OK: 200,
  /** Internal error; nothing was changed. */
  INTERNAL_ERROR: 1000,
  /** A parameter is missing, of the wrong type, or out of range. */
  PARAM_ERROR: 1002,
  /** App-Key unknown, or Signature / Timestamp / Nonce refused. */
  SIGNATURE_ERROR: 1004,
  /** A parameter is longer than allowed. */
  PARAM_TOO_LONG: 1005,
  /** No such endpoint. */
  NOT_FOUND: 1007,
  /** Too many requests. */
  RATE_LIMITED: 1008,
  /** The group does not exist. */
  GROUP_NOT_FOUND: 22410,
  /** The chatroom does not exist (the seeds' RC_CHATROOM_NOT_EXIST). */
  CHATROOM_NOT_FOUND: 23410,
} as const;
export type ServerApiCode = (typeof ServerApiCode)[keyof typeof ServerApiCode];
