/**
 * Typing status (seeds: 输入状态): the event's types and the operation, whose code (typing-state.ts)
 * loads with the late tables (late-tables.ts), as does the delivery that reads typing messages.
 */
import type { ConversationType } from '../../protocol/constants.js';
import { onDefaultClient } from './bind.js';
import { lateTable } from './late-tables.js';

/** One typist (seeds' shape). */
export interface ITypingUser {
  userId: string;
  timestamp: number;
  messageType: string;
}
/** The TYPING_STATUS payload: every conversation whose typists changed or still type. */
export interface ITypingStatusEvent {
  status: Array<{ conversationType: ConversationType; targetId: string; channelId: string; list: ITypingUser[] }>;
}

/**
 * The operations of this feature (typing-state.ts), loaded with the first call of any late table, or
 * during `connect()` (late-tables.ts). Kept public (not marked internal): the published
 * `ParleyClient` type refers to it for its methods' signatures and TSDoc.
 */
export const typingOps = /* @__PURE__ */ lateTable('typingCalls', { sendTypingStatusMessage: true });

// The module-level function (the seeds' `RongIMLib.sendTypingStatusMessage(...)` style).
/** `ParleyClient.sendTypingStatusMessage`, on the default client. */
export const sendTypingStatusMessage = /* @__PURE__ */ onDefaultClient(typingOps, 'sendTypingStatusMessage');
