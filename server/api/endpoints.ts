/** The Server API endpoints: each validates its params and returns the body of a 200 reply. */
import * as v from 'valibot';
import { ConversationType } from '../../src/protocol/enums.js';
// Messaging endpoints (recall) live in their own module.
import { messagingEndpoints } from './messaging-endpoints.js';
import { ServerApiCode } from '../../src/protocol/error-codes.js';
import { Limits } from '../../src/protocol/limits.js';
import { issueToken } from '../auth/token.js';
import type { Clock } from '../clock.js';
import type { ChatroomService } from '../chatroom/service.js';
import type { ChatService } from '../domain/chat.js';
import type { GroupService } from '../domain/groups.js';
import type { MediaStore } from '../media/media-store.js';
import { abuseEndpoints } from './abuse-endpoints.js';
import { chatroomEndpoints } from './chatroom-endpoints.js';
import { chatroomModerationEndpoints } from './chatroom-moderation-endpoints.js';
import { parseContent } from './content.js';
import { ApiError, flag, id, idList, nonNegativeInt, objectName, parseParams, text } from './params.js';

export interface ApiContext {
  appKey: string;
  appSecret: string;
  clock: Clock;
  chat: ChatService;
  groups: GroupService;
  chatrooms: ChatroomService;
  /** Revokes a user's tokens issued before a time, and ends their sessions holding one. */
  tokens: { revoke(userId: string, before: number): Promise<void> };
  /** Uploaded media (the admin list and remove). */
  media: MediaStore;
}

/** One endpoint: validated params in, the body of a 200 reply out. */
export type Endpoint = (params: Record<string, unknown>, ctx: ApiContext) => Promise<Record<string, unknown>>;

const GetToken = v.object({
  userId: id,
  name: v.optional(text(64), ''),
  portraitUri: v.optional(text(1024), ''),
  /** Optional expiry, ms since the epoch; absent = the token never expires. */
  expireAt: v.optional(nonNegativeInt),
});

const publishFields = {
  fromUserId: id,
  objectName,
  content: v.string(),
  isPersisted: flag(true),
  isCounted: flag(true),
  isIncludeSender: flag(false),
  disableNotification: flag(false),
};
const PrivatePublish = v.object({ ...publishFields, toUserId: idList });
const GroupPublish = v.object({ ...publishFields, toGroupId: idList, directionalUserIdList: v.optional(idList) });
const SystemPublish = v.object({ ...publishFields, toUserId: idList });
const GroupMembers = v.object({ userId: idList, groupId: id, groupName: v.optional(text(64), '') });
const GroupQuit = v.object({ userId: idList, groupId: id });
const GroupDismiss = v.object({ userId: id, groupId: id });

async function publish(
  ctx: ApiContext,
  p: v.InferOutput<typeof PrivatePublish> | v.InferOutput<typeof GroupPublish> | v.InferOutput<typeof SystemPublish>,
  conversationType: ConversationType,
  targets: string[],
): Promise<Record<string, unknown>> {
  const content = parseContent(p.content);
  if (conversationType === ConversationType.GROUP) {
    // Check every group first so a bad id in the list changes nothing.
    for (const groupId of targets) {
      if (!(await ctx.chat.storage.getGroup(groupId))) throw new ApiError(400, ServerApiCode.GROUP_NOT_FOUND, `no group ${groupId}`);
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
      ...('directionalUserIdList' in p && p.directionalUserIdList ? { directionalUserIdList: p.directionalUserIdList } : {}),
    });
    outcome.publish();
    messages.push({ targetId, messageUId: outcome.message.messageUId, sentTime: outcome.message.sentTime });
  }
  return { messages };
}

/**
 * Chatroom endpoints answer only once the state they changed (rooms, KV, moderation lists) is
 * committed, so a 200 survives the node dying right after it.
 */
function acknowledgedWhenDurable(table: Record<string, Endpoint>): Record<string, Endpoint> {
  return Object.fromEntries(Object.entries(table).map(([path, endpoint]) => [path, (params, ctx) => ctx.chatrooms.durably(() => endpoint(params, ctx))]));
}

export const endpoints: Record<string, Endpoint> = {
  async '/user/getToken.json'(params, ctx) {
    const p = parseParams(GetToken, params);
    const now = ctx.clock.now();
    await ctx.chat.storage.upsertUser({ id: p.userId, name: p.name, portraitUri: p.portraitUri }, now);
    const token = issueToken({ userId: p.userId, appKey: ctx.appKey, issuedAt: now, expireAt: p.expireAt }, ctx.appSecret);
    return { userId: p.userId, token };
  },
  async '/message/private/publish.json'(params, ctx) {
    const p = parseParams(PrivatePublish, params);
    return publish(ctx, p, ConversationType.PRIVATE, p.toUserId);
  },
  async '/message/group/publish.json'(params, ctx) {
    const p = parseParams(GroupPublish, params);
    return publish(ctx, p, ConversationType.GROUP, p.toGroupId);
  },
  /** A system message to each user (conversation type SYSTEM, targetId = fromUserId). */
  async '/message/system/publish.json'(params, ctx) {
    const p = parseParams(SystemPublish, params);
    return publish(ctx, p, ConversationType.SYSTEM, p.toUserId);
  },
  ...messagingEndpoints,
  async '/group/create.json'(params, ctx) {
    const p = parseParams(GroupMembers, params);
    await ctx.groups.create(p.groupId, p.groupName, p.userId);
    return {};
  },
  async '/group/join.json'(params, ctx) {
    const p = parseParams(GroupMembers, params);
    await ctx.groups.join(p.groupId, p.groupName, p.userId);
    return {};
  },
  async '/group/quit.json'(params, ctx) {
    const p = parseParams(GroupQuit, params);
    await ctx.groups.quit(p.groupId, p.userId);
    return {};
  },
  async '/group/dismiss.json'(params, ctx) {
    const p = parseParams(GroupDismiss, params);
    await ctx.groups.dismiss(p.groupId);
    return {};
  },
  ...acknowledgedWhenDurable(chatroomEndpoints),
  ...acknowledgedWhenDurable(chatroomModerationEndpoints),
  ...abuseEndpoints,
  /** One path, two owners: chatroom recall (type 4) and private / group recall (types 1, 3). */
  async '/message/recall.json'(params, ctx) {
    if (String(params['conversationType']) === '4') return ctx.chatrooms.durably(() => chatroomEndpoints['/message/recall.json']!(params, ctx));
    return messagingEndpoints['/message/recall.json']!(params, ctx);
  },
};
