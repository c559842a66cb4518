/** The message expansion operations (expansion.ts), loaded with the first call of any late table (late-tables.ts). */
import { ConversationType, ErrorCode } from '../../protocol/constants.js';
import type { LateOpTable } from './bind.js';
import type { ClientInternals } from './internals.js';
import type { IAsyncRes, IReceivedMessage } from './types.js';

type MessageRef = Pick<IReceivedMessage, 'conversationType' | 'targetId' | 'messageUId'>;

/** The message named, or the refusal: 33003 without a messageUId, 34008 outside private and group chats (seeds). */
function ref(message: MessageRef | undefined): MessageRef | IAsyncRes<void> {
  if (!message || typeof message !== 'object' || typeof message.messageUId !== 'string' || !message.messageUId) {
    return { code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER, msg: 'message needs a messageUId' };
  }
  if (message.conversationType !== ConversationType.PRIVATE && message.conversationType !== ConversationType.GROUP) {
    return { code: ErrorCode.MESSAGE_KV_NOT_SUPPORT, msg: 'only private and group messages can be expanded' };
  }
  return message;
}

/** The feature's operations, each taking the client's internals first (bound through the stand-ins of late-tables.ts). */
export const expansionCalls = {
  /** Sets pairs on a message sent with `canIncludeExpansion` (34008 otherwise; limits 34010). */
  async updateMessageExpansion(
    ctx: ClientInternals,
    expansion: Record<string, string>,
    message: MessageRef,
  ): Promise<IAsyncRes<void>> {
    const m = ref(message);
    if ('code' in m) return m;
    return ctx.port.requestVoid(ctx, 'updateMessageExpansion', {
      conversationType: m.conversationType,
      targetId: m.targetId,
      messageUId: m.messageUId,
      expansion,
    });
  },
  /** Removes keys from a message's expansion. */
  async removeMessageExpansionForKey(
    ctx: ClientInternals,
    keys: string[],
    message: MessageRef,
  ): Promise<IAsyncRes<void>> {
    const m = ref(message);
    if ('code' in m) return m;
    return ctx.port.requestVoid(ctx, 'removeMessageExpansionForKey', {
      conversationType: m.conversationType,
      targetId: m.targetId,
      messageUId: m.messageUId,
      keys,
    });
  },
} satisfies LateOpTable;
