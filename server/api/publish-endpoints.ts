/** Server API endpoints that publish private, group and system messages. */
import * as v from 'valibot';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode, ServerApiCode } from '../../src/protocol/error-codes.js';
import type { ApiContext, EndpointTable } from './api-context.js';
import { parseContent } from './content.js';
import { ApiError, endpoint, flag, id, idList, objectName, text } from './params.js';

const publishFields = {
  fromUserId: id,
  objectName,
  content: v.string(),
  isPersisted: flag(true),
  isCounted: flag(true),
  isIncludeSender: flag(false),
  disableNotification: flag(false),
  /** The offline push's text and data (docs/push.md). */
  pushContent: v.optional(text(1024)),
  pushData: v.optional(text(1024)),
};
const PrivatePublish = v.object({ ...publishFields, toUserId: idList, verifyBlacklist: flag(false) });
const GroupPublish = v.object({ ...publishFields, toGroupId: idList, directionalUserIdList: v.optional(idList) });
const SystemPublish = v.object({ ...publishFields, toUserId: idList });

async function publish(
  ctx: ApiContext,
  p: v.InferOutput<typeof PrivatePublish> | v.InferOutput<typeof GroupPublish> | v.InferOutput<typeof SystemPublish>,
  conversationType: ConversationType,
  targets: string[],
): Promise<{ messages: { targetId: string; messageUId: string; sentTime: number }[] }> {
  const content = parseContent(p.content);
  if (conversationType === ConversationType.GROUP) {
    // Check every group first so a bad id in the list changes nothing.
    for (const groupId of targets) {
      if (!(await ctx.chat.storage.getGroup(groupId)))
        throw new ApiError(400, ServerApiCode.GROUP_NOT_FOUND, `no group ${groupId}`);
    }
  }
  if ('verifyBlacklist' in p && p.verifyBlacklist) {
    // Check every recipient first, so one who blacklisted the sender changes nothing.
    for (const userId of targets) {
      if (await ctx.chat.moderation.inBlacklist(userId, p.fromUserId)) {
        throw new ApiError(400, ErrorCode.REJECTED_BY_BLACKLIST, `${userId} has blacklisted ${p.fromUserId}`);
      }
    }
  }
  const messages = [];
  for (const targetId of targets) {
    const outcome = await ctx.chat.send({
      senderUserId: p.fromUserId,
      conversationType,
      targetId,
      messageType: p.objectName,
      content,
      isPersisted: p.isPersisted,
      isCounted: p.isCounted,
      isStatusMessage: false,
      disableNotification: p.disableNotification,
      includeSender: p.isIncludeSender && conversationType !== ConversationType.SYSTEM,
      requireMembership: false,
      ...('verifyBlacklist' in p && p.verifyBlacklist ? { verifyBlacklist: true } : {}),
      ...('directionalUserIdList' in p && p.directionalUserIdList
        ? { directionalUserIdList: p.directionalUserIdList }
        : {}),
      push: { pushContent: p.pushContent, pushData: p.pushData },
    });
    outcome.publish();
    messages.push({ targetId, messageUId: outcome.message.messageUId, sentTime: outcome.message.sentTime });
  }
  return { messages };
}

export const publishEndpoints = {
  '/message/private/publish.json': endpoint(PrivatePublish, async (p, ctx) => {
    return publish(ctx, p, ConversationType.PRIVATE, p.toUserId);
  }),
  '/message/group/publish.json': endpoint(GroupPublish, async (p, ctx) => {
    return publish(ctx, p, ConversationType.GROUP, p.toGroupId);
  }),
  /** A system message to each user (conversation type SYSTEM, targetId = fromUserId). */
  '/message/system/publish.json': endpoint(SystemPublish, async (p, ctx) => {
    return publish(ctx, p, ConversationType.SYSTEM, p.toUserId);
  }),
} satisfies EndpointTable;
