/** Message expansion (seeds: 消息扩展). */
import { ConversationType } from '../../protocol/enums.js';
import { ErrorCode } from '../../protocol/error-codes.js';
import { requestVoid, type ClientInternals } from './internals.js';
import { onDefaultClient, type OpTable } from './bind.js';
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

/**
 * The operations of this feature, each taking the client's internals first: `ParleyClient`'s methods and
 * the module-level functions are bound from this table (bind.ts). Kept public (not marked internal): the published
 * `ParleyClient` type refers to it for its methods' signatures and TSDoc.
 */
export const expansionOps = {
  /** Sets pairs on a message sent with `canIncludeExpansion` (34008 otherwise; limits 34010). */
  async updateMessageExpansion(
    ctx: ClientInternals,
    expansion: Record<string, string>,
    message: MessageRef,
  ): Promise<IAsyncRes<void>> {
    const m = ref(message);
    if ('code' in m) return m;
    return requestVoid(ctx, 'updateMessageExpansion', {
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
    return requestVoid(ctx, 'removeMessageExpansionForKey', {
      conversationType: m.conversationType,
      targetId: m.targetId,
      messageUId: m.messageUId,
      keys,
    });
  },
} satisfies OpTable;

// The module-level functions (the seeds' `RongIMLib.updateMessageExpansion(...)` style): the same operations on the default
// client, each documented on the `ParleyClient` method of its name. One statement each, so a bundle
// drops the ones an app does not import.
/** `ParleyClient.updateMessageExpansion`, on the default client. */
export const updateMessageExpansion = /* @__PURE__ */ onDefaultClient(expansionOps, 'updateMessageExpansion');
/** `ParleyClient.removeMessageExpansionForKey`, on the default client. */
export const removeMessageExpansionForKey = /* @__PURE__ */ onDefaultClient(
  expansionOps,
  'removeMessageExpansionForKey',
);
