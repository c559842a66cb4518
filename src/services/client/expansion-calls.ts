/** The message expansion operations (expansion.ts), loaded with the first call of any late table (late-tables.ts). */
import { ConversationType, ErrorCode } from '../../protocol/constants.js';
import type { LateOpTable } from './bind.js';
import type { ClientInternals } from './internals.js';
import type { IAsyncRes, IReceivedMessage } from './types.js';

type MessageRef = Pick<IReceivedMessage, 'conversationType' | 'targetId' | 'messageUId'>;

/**
 * Sends `op` for the message named, with `fields` beside its key; or answers the refusal without asking
 * the server: 33003 without a messageUId, 34008 outside private and group chats (seeds).
 */
async function messageRefCall(
  ctx: ClientInternals,
  op: 'updateMessageExpansion' | 'removeMessageExpansionForKey',
  message: MessageRef | undefined,
  fields: { expansion: Record<string, string> } | { keys: string[] },
): Promise<IAsyncRes<void>> {
  if (!message || typeof message !== 'object' || typeof message.messageUId !== 'string' || !message.messageUId) {
    return { code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER, msg: 'message needs a messageUId' };
  }
  const { conversationType, targetId, messageUId } = message;
  if (conversationType !== ConversationType.PRIVATE && conversationType !== ConversationType.GROUP) {
    return { code: ErrorCode.MESSAGE_KV_NOT_SUPPORT, msg: 'only private and group messages can be expanded' };
  }
  return ctx.port.requestVoid(ctx, op, { conversationType, targetId, messageUId, ...fields });
}

/** The feature's operations, each taking the client's internals first (bound through the stand-ins of late-tables.ts). */
export const expansionCalls = {
  /** Sets pairs on a message sent with `canIncludeExpansion` (34008 otherwise; limits 34010). */
  updateMessageExpansion: (ctx: ClientInternals, expansion: Record<string, string>, message: MessageRef) =>
    messageRefCall(ctx, 'updateMessageExpansion', message, { expansion }),
  /** Removes keys from a message's expansion. */
  removeMessageExpansionForKey: (ctx: ClientInternals, keys: string[], message: MessageRef) =>
    messageRefCall(ctx, 'removeMessageExpansionForKey', message, { keys }),
} satisfies LateOpTable;
