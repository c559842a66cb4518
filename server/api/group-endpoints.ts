/** Server API endpoints of groups: create, join, quit, dismiss. */
import * as v from 'valibot';
import type { EndpointTable } from './api-context.js';
import { endpoint, id, idList, text } from './params.js';

const GroupMembers = v.object({ userId: idList, groupId: id, groupName: v.optional(text(64), '') });
const GroupQuit = v.object({ userId: idList, groupId: id });
const GroupDismiss = v.object({ userId: id, groupId: id });

export const groupEndpoints = {
  '/group/create.json': endpoint(GroupMembers, async (p, ctx) => {
    await ctx.groups.create(p.groupId, p.groupName, p.userId);
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
} satisfies EndpointTable;
