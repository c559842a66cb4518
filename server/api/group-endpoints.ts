/** Server API endpoints of groups: create, join, quit, dismiss, refresh, members, a user's groups and their sync. */
import * as v from 'valibot';
import { ServerApiCode } from '../../src/protocol/error-codes.js';
import type { EndpointTable } from './api-context.js';
import { ApiError, endpoint, flagValue, id, idList, parseParams, text } from './params.js';

const GroupMembers = v.object({ userId: idList, groupId: id, groupName: v.optional(text(64), '') });
const GroupCreate = v.object({ ...GroupMembers.entries, historyBeforeJoin: v.optional(flagValue) });
const GroupQuit = v.object({ userId: idList, groupId: id });
const GroupDismiss = v.object({ userId: id, groupId: id });
const GroupRefresh = v.object({ groupId: id, groupName: text(64), historyBeforeJoin: v.optional(flagValue) });
const GroupOnly = v.object({ groupId: id });
const UserOnly = v.object({ userId: id });
const groupName = text(64);
/** Groups one sync may name (the seeds give none; as many as one create's members). */
const SYNC_MAX = 1000;

/**
 * The groups of `/group/sync.json`: form fields `group[<id>]=<name>` (the seeds' shape), or in JSON
 * `group: { "<id>": "<name>" }`. Ids and names are checked as everywhere else.
 */
function syncGroups(params: Record<string, unknown>): Array<{ id: string; name: string }> {
  const pairs: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(params)) {
    const field = /^group\[(.*)\]$/.exec(key);
    if (field) pairs.push([field[1]!, value]);
  }
  const object = params['group'];
  if (object !== undefined) {
    if (typeof object !== 'object' || object === null || Array.isArray(object))
      throw new ApiError(400, ServerApiCode.PARAM_ERROR, 'group: must map group ids to names');
    pairs.push(...Object.entries(object));
  }
  if (pairs.length > SYNC_MAX) throw new ApiError(400, ServerApiCode.PARAM_ERROR, `group: at most ${SYNC_MAX} groups`);
  const groups = new Map<string, string>();
  for (const [groupId, name] of pairs) {
    const shown = `group[${groupId.slice(0, 64)}]`;
    if (!v.is(id, groupId))
      throw new ApiError(400, ServerApiCode.PARAM_ERROR, `${shown}: the id must be 1–64 letters, digits or _-=+.@:`);
    if (typeof name !== 'string')
      throw new ApiError(400, ServerApiCode.PARAM_ERROR, `${shown}: the name must be a string`);
    if (!v.is(groupName, name))
      throw new ApiError(400, ServerApiCode.PARAM_TOO_LONG, `${shown}: the name has at most 64 characters`);
    groups.set(groupId, name);
  }
  return [...groups].map(([groupId, name]) => ({ id: groupId, name }));
}

export const groupEndpoints = {
  /**
   * Parley: `historyBeforeJoin` 1 lets the group's new members read what was sent before they joined
   * (0: only from their join, the seeds' default; absent: the server's `groupHistoryBeforeJoin`).
   */
  '/group/create.json': endpoint(GroupCreate, async (p, ctx) => {
    await ctx.groups.create(p.groupId, p.groupName, p.userId);
    if (p.historyBeforeJoin !== undefined) await ctx.groups.setHistoryBeforeJoin(p.groupId, p.historyBeforeJoin);
    return {};
  }),
  '/group/join.json': endpoint(GroupMembers, async (p, ctx) => {
    await ctx.groups.join(p.groupId, p.groupName, p.userId);
    return {};
  }),
  '/group/quit.json': endpoint(GroupQuit, async (p, ctx) => {
    await ctx.groups.quit(p.groupId, p.userId);
    return {};
  }),
  '/group/dismiss.json': endpoint(GroupDismiss, async (p, ctx) => {
    await ctx.groups.dismiss(p.groupId);
    return {};
  }),
  /**
   * Renames the group (seeds: 刷新群组信息); 22410 when it does not exist. Parley: `historyBeforeJoin`
   * (1/0) changes the group's setting as on create; absent, the setting stays as it was.
   */
  '/group/refresh.json': endpoint(GroupRefresh, async (p, ctx) => {
    await ctx.groups.refresh(p.groupId, p.groupName);
    if (p.historyBeforeJoin !== undefined) await ctx.groups.setHistoryBeforeJoin(p.groupId, p.historyBeforeJoin);
    return {};
  }),
  /** The group's members, `{ users: [{ id, role? }] }` (seeds: 查询群组成员; Parley: `role` owner/admin). */
  '/group/user/query.json': endpoint(GroupOnly, async (p, ctx) => {
    const members = await ctx.groups.members(p.groupId);
    const roles = await ctx.chat.groupRoles.list(p.groupId);
    return {
      users: members.map((userId) => (roles.has(userId) ? { id: userId, role: roles.get(userId)! } : { id: userId })),
    };
  }),
  /** The user's groups, `{ groups: [{ id, name }] }` (seeds: 查询用户所在群组). */
  '/user/group/query.json': endpoint(UserOnly, async (p, ctx) => {
    return { groups: await ctx.groups.userGroups(p.userId) };
  }),
  /** Makes the user's groups exactly the listed ones (seeds: 同步用户所在群组). */
  async '/group/sync.json'(params, ctx) {
    const p = parseParams(UserOnly, { userId: params['userId'] });
    await ctx.groups.sync(p.userId, syncGroups(params));
    return {};
  },
} satisfies EndpointTable;
