/**
 * Server API of group mutes (the seeds' 群组单人禁言, 全体禁言 and 全体成员禁言白名单): muted members
 * (in one group, or in every group when `groupId` is left out) and the members of a muted group who
 * are not on its allowlist still receive, but their sends from clients are refused with 22408
 * (FORBIDDEN_IN_GROUP). Mutes lapse after `minute` (1–43200), or last until lifted.
 */
import * as v from 'valibot';
import { ALL_GROUPS } from '../domain/moderation.js';
import type { ApiContext, EndpointTable } from './api-context.js';
import { fewIds, optionalMinute } from './moderation-endpoints.js';
import { endpoint, id, parseParams } from './params.js';

const MemberMute = v.object({ userId: fewIds, groupId: v.optional(fewIds), minute: optionalMinute });
const MemberUnmute = v.object({ userId: fewIds, groupId: v.optional(fewIds) });
const OneGroupOptional = v.object({ groupId: v.optional(id) });
const Groups = v.object({ groupId: fewIds });
const GroupsOptional = v.object({ groupId: v.optional(fewIds) });
const Allowlist = v.object({ groupId: id, userId: fewIds });
const OneGroup = v.object({ groupId: id });

/** The groups a mute names, each checked to exist (22410); none named = every group. */
async function groupsOf(ctx: ApiContext, groupIds: string[] | undefined): Promise<string[]> {
  if (!groupIds) return [ALL_GROUPS];
  for (const groupId of groupIds) await ctx.groups.requireGroup(groupId);
  return groupIds;
}

async function muteMembers(params: Record<string, unknown>, ctx: ApiContext) {
  const p = parseParams(MemberMute, params);
  await ctx.chat.moderation.muteGroupMembers(await groupsOf(ctx, p.groupId), p.userId, p.minute);
  return {};
}

async function unmuteMembers(params: Record<string, unknown>, ctx: ApiContext) {
  const p = parseParams(MemberUnmute, params);
  await ctx.chat.moderation.unmuteGroupMembers(p.groupId ?? [ALL_GROUPS], p.userId);
  return {};
}

async function mutedMembers(params: Record<string, unknown>, ctx: ApiContext) {
  const p = parseParams(OneGroupOptional, params);
  return { users: await ctx.chat.moderation.mutedGroupMembers(p.groupId ?? ALL_GROUPS) };
}

export const groupMuteEndpoints = {
  // ---- members ----
  '/group/user/ban/add.json': muteMembers,
  '/group/user/ban/rollback.json': unmuteMembers,
  /** `{ users: [{ userId, time }] }`, `time` = when the mute lapses (ms; 0 = never). */
  '/group/user/ban/query.json': mutedMembers,
  // The older names of the same calls.
  '/group/user/gag/add.json': muteMembers,
  '/group/user/gag/rollback.json': unmuteMembers,
  '/group/user/gag/list.json': mutedMembers,

  // ---- whole groups ----
  '/group/ban/add.json': endpoint(Groups, async (p, ctx) => {
    await ctx.chat.moderation.muteGroups(await groupsOf(ctx, p.groupId));
    return {};
  }),
  '/group/ban/rollback.json': endpoint(Groups, async (p, ctx) => {
    await ctx.chat.moderation.unmuteGroups(p.groupId);
    return {};
  }),
  /** `{ groupIds }`: the muted ones among `groupId`, or all muted groups. */
  '/group/ban/query.json': endpoint(GroupsOptional, async (p, ctx) => {
    return { groupIds: await ctx.chat.moderation.mutedGroups(p.groupId ?? null) };
  }),

  // ---- the allowlist of a muted group ----
  '/group/user/ban/whitelist/add.json': endpoint(Allowlist, async (p, ctx) => {
    await ctx.groups.requireGroup(p.groupId);
    await ctx.chat.moderation.allowInMutedGroup(p.groupId, p.userId);
    return {};
  }),
  '/group/user/ban/whitelist/rollback.json': endpoint(Allowlist, async (p, ctx) => {
    await ctx.chat.moderation.disallowInMutedGroup(p.groupId, p.userId);
    return {};
  }),
  /** `{ userIds }`. */
  '/group/user/ban/whitelist/query.json': endpoint(OneGroup, async (p, ctx) => {
    return { userIds: await ctx.chat.moderation.allowedInMutedGroup(p.groupId) };
  }),
} satisfies EndpointTable;
