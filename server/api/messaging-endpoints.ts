/** Server API endpoints of the messaging features (recall); spread into `endpoints`. */
import * as v from 'valibot';
import { ConversationType } from '../../src/protocol/enums.js';
import { recallMessage } from '../domain/recall.js';
import type { EndpointTable } from './api-context.js';
import { endpoint, flag, id, nonNegativeInt, text } from './params.js';

const Recall = v.object({
  fromUserId: id,
  conversationType: v.pipe(
    v.union([v.picklist(['1', '3']), v.picklist([1, 3])], 'must be 1 (private) or 3 (group)'),
    v.transform((x) => Number(x) as 1 | 3),
  ),
  targetId: id,
  messageUID: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  sentTime: nonNegativeInt,
  isAdmin: flag(false),
  isDelete: flag(false),
  extra: v.optional(text(1024)),
  disablePush: flag(false),
});

export const messagingEndpoints = {
  /**
   * Recalls a message on behalf of `fromUserId` (its sender, or anyone with `isAdmin=1`), with no
   * time window: the app's backend decides. `targetId` is from fromUserId's side.
   */
  '/message/recall.json': endpoint(Recall, async (p, ctx) => {
    const result = await recallMessage(
      ctx.chat,
      p.fromUserId,
      {
        conversationType: p.conversationType as typeof ConversationType.PRIVATE | typeof ConversationType.GROUP,
        targetId: p.targetId,
        messageUId: p.messageUID,
        sentTime: p.sentTime,
        isDelete: p.isDelete,
        disableNotification: p.disablePush,
        ...(p.extra !== undefined ? { extra: p.extra } : {}),
      },
      { trusted: true, isAdmin: p.isAdmin },
    );
    result.publish();
    return { messageUId: p.messageUID };
  }),
} satisfies EndpointTable;
