/** Server API endpoints of groups: create, join, quit, dismiss. */
import * as v from 'valibot';
import type { EndpointTable } from './api-context.js';
import { id, idList, parseParams, text } from './params.js';

const GroupMembers = v.object({ userId: idList, groupId: id, groupName: v.optional(text(64), '') });
const GroupQuit = v.object({ userId: idList, groupId: id });
const GroupDismiss = v.object({ userId: id, groupId: id });

export const groupEndpoints: EndpointTable = {
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
};
