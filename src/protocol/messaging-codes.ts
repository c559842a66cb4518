/**
 * Result codes of the messaging features (recall, receipts, expansion, tags, uploads), with the
 * values and names of the IMLib error code table. Spread into `ErrorCode`.
 */
export const MessagingErrorCode = {
  /** A client sent into a system conversation (only the Server API sends there). */
  SYS_CONVERSATION_NOT_SUPPORT_MESSAGE: 20109,
  /** Recall refused: bad parameters, unknown message, or the recall window has passed. */
  RECALL_MESSAGE: 25101,
  /** Recall refused: only the sender may recall a message. */
  RECALL_MESSAGE_USER_INVALID: 25107,
  /** More than 20 tags for one user. */
  CONVERSATION_TAG_OVERSIZE: 26004,
  TAG_NOT_EXIST: 33100,
  TAG_EXISTS: 33101,
  NO_TAG_IN_CONVER: 33102,
  /** The message was not sent with `canIncludeExpansion`, or is of a conversation type without expansion. */
  MESSAGE_KV_NOT_SUPPORT: 34008,
  MESSAGE_EXPANDED_ERROR: 34009,
  /** Expansion key > 32 chars, value > 4096 chars, > 20 pairs in one update or > 300 in all. */
  EXPANSION_LIMIT_EXCEET: 34010,
  /** A media upload failed (refused type or size, network, cancelled). */
  UPLOAD_FAIL: 34011,
  /** More than 1000 conversations in one tag operation, or in one tag. */
  CONVER_OUT_LIMIT_ERROR: 34013,
  READ_RECEIPT_ERROR: 34014,
  /** `sendReadReceiptResponseV2`'s `messageList` is malformed or names messages it cannot (not of the group, another sender). */
  MSG_LIMIT_ERROR: 34206,
} as const;
