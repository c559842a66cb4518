/** Result codes: the client's and the gateway's (`ErrorCode`, in constants.ts with every constant the browser uses) and the Server API's. */
export { ErrorCode } from './constants.js';

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
