/** Read receipts (receipts.ts), loaded with the first call of any late table (late-tables.ts). */
import { ErrorCode } from '../../protocol/constants.js';
import type { ReadReceiptInfo } from '../../protocol/messaging.js';
import type { LateOpTable } from './bind.js';
import type { ClientInternals } from './internals.js';
import type { IAsyncRes } from './types.js';

/** `sendReadReceiptResponseV2`'s `messageList`: sender id → 1–100 messageUIds (else the seeds' 34206). */
function isMessageList(value: unknown): value is Record<string, string[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every(
    (uids) =>
      Array.isArray(uids) && uids.length <= 100 && uids.every((uid) => typeof uid === 'string' && uid.length > 0),
  );
}

/** The feature's operations, each taking the client's internals first (bound through the stand-ins of late-tables.ts). */
export const receiptCalls = {
  /** Private: tells `targetId` that this user read their messages up to `timestamp`. */
  sendReadReceiptMessage(ctx: ClientInternals, targetId: string, messageUId: string, timestamp: number) {
    return ctx.port.requestVoid(ctx, 'sendReadReceiptMessage', { targetId, messageUId, timestamp });
  },
  /** Group: the sender of `messageUId` asks the members for receipts (MESSAGE_RECEIPT_REQUEST). */
  sendReadReceiptRequest(ctx: ClientInternals, targetId: string, messageUId: string) {
    return ctx.port.requestVoid(ctx, 'sendReadReceiptRequest', { targetId, messageUId });
  },
  /**
   * Group: confirms reading. `messageList` maps sender → messageUIds; without it (seeds ≥ 5.9.4 on
   * the Web) the server answers the newest requests this user has not answered yet. A malformed
   * list, or one naming a message of another group or sender, is the seeds' 34206 (MSG_LIMIT_ERROR).
   */
  async sendReadReceiptResponseV2(
    ctx: ClientInternals,
    targetId: string,
    messageList?: Record<string, string[]>,
  ): Promise<IAsyncRes<void>> {
    if (messageList !== undefined && !isMessageList(messageList)) {
      return {
        code: ErrorCode.MSG_LIMIT_ERROR,
        msg: 'messageList must map sender ids to lists of at most 100 messageUIds',
      };
    }
    return ctx.port.requestVoid(ctx, 'sendReadReceiptResponseV2', {
      targetId,
      ...(messageList ? { messageList } : {}),
    });
  },
  /**
   * Parley: how far the peer of a private conversation has read this user's messages (the sentTime
   * of their newest read receipt, 0 = none), kept by the server, so every device and a fresh browser
   * agree.
   */
  async getPeerReadTime(ctx: ClientInternals, targetId: string): Promise<IAsyncRes<number>> {
    return ctx.port.mapData(await ctx.port.request(ctx, 'getPeerReadTime', { targetId }), (d) => d.readTime);
  },
  /**
   * Parley: the group read receipt state (`readReceiptInfo`, with `readCount`) of up to 100 messages
   * of one group, keyed by messageUId; messages without a receipt request are left out.
   */
  async getReadReceiptInfo(
    ctx: ClientInternals,
    targetId: string,
    messageUIds: string[],
  ): Promise<IAsyncRes<Record<string, ReadReceiptInfo>>> {
    return ctx.port.mapData(
      await ctx.port.request(ctx, 'getReadReceiptInfo', { targetId, messageUIds }),
      (d) => d.readReceiptInfo,
    );
  },
  /** Parley: who confirmed reading a group message, `{ totalCount, list: [{ userId, readTime }] }`. */
  async getMessageReader(
    ctx: ClientInternals,
    targetId: string,
    messageUId: string,
  ): Promise<IAsyncRes<{ totalCount: number; list: Array<{ userId: string; readTime: number }> }>> {
    return ctx.port.mapData(await ctx.port.request(ctx, 'getMessageReader', { targetId, messageUId }), (d) => d);
  },
} satisfies LateOpTable;
