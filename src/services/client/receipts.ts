/** Read receipts (seeds: 单聊消息回执, 群聊消息回执 with the recommended V2 response). */
import { onDefaultClient } from './bind.js';
import { lateTable } from './late-tables.js';

/**
 * The operations of this feature (receipt-calls.ts), loaded with the first call of any late table, or
 * during `connect()` (late-tables.ts). Kept public (not marked internal): the published `ParleyClient`
 * type refers to it for its methods' signatures and TSDoc.
 */
export const receiptOps = /* @__PURE__ */ lateTable('receiptCalls', {
  sendReadReceiptMessage: true,
  sendReadReceiptRequest: true,
  sendReadReceiptResponseV2: true,
  getPeerReadTime: true,
  getReadReceiptInfo: true,
  getMessageReader: true,
});

// The module-level functions (the seeds' `RongIMLib.sendReadReceiptMessage(...)` style): the same operations on the default
// client, each documented on the `ParleyClient` method of its name. One statement each, so a bundle
// drops the ones an app does not import.
/** `ParleyClient.sendReadReceiptMessage`, on the default client. */
export const sendReadReceiptMessage = /* @__PURE__ */ onDefaultClient(receiptOps, 'sendReadReceiptMessage');
/** `ParleyClient.sendReadReceiptRequest`, on the default client. */
export const sendReadReceiptRequest = /* @__PURE__ */ onDefaultClient(receiptOps, 'sendReadReceiptRequest');
/** `ParleyClient.sendReadReceiptResponseV2`, on the default client. */
export const sendReadReceiptResponseV2 = /* @__PURE__ */ onDefaultClient(receiptOps, 'sendReadReceiptResponseV2');
/** `ParleyClient.getPeerReadTime`, on the default client. */
export const getPeerReadTime = /* @__PURE__ */ onDefaultClient(receiptOps, 'getPeerReadTime');
/** `ParleyClient.getReadReceiptInfo`, on the default client. */
export const getReadReceiptInfo = /* @__PURE__ */ onDefaultClient(receiptOps, 'getReadReceiptInfo');
/** `ParleyClient.getMessageReader`, on the default client. */
export const getMessageReader = /* @__PURE__ */ onDefaultClient(receiptOps, 'getMessageReader');
