/** Server API endpoints of groups: create (optionally with its history setting), join, quit, dismiss. */
import * as v from 'valibot';
import type { EndpointTable } from './api-context.js';
import { id, idList, parseParams, text } from './params.js';

const GroupMembers = v.object({ userId: idList, groupId: id, groupName: v.optional(text(64), '') });
/**
 * Parley: `historyBeforeJoin` 1 lets the group's new members read what was sent before they joined
 * (0: only from their join, the seeds' default; absent: the server's `groupHistoryBeforeJoin`).
 */
const GroupCreate = v.object({
  ...GroupMembers.entries,
  historyBeforeJoin: v.optional(v.union([v.picklist(['0', '1', 'true', 'false', 0, 1]), v.boolean()], 'must be 0 or 1')),
});
const GroupQuit = v.object({ userId: idList, groupId: id });
const GroupDismiss = v.object({ userId: id, groupId: id });

export const groupEndpoints: EndpointTable = {
  async '/group/create.json'(params, ctx) {
    const p = parseParams(GroupCreate, params);
    await ctx.groups.create(p.groupId, p.groupName, p.userId);
    if (p.historyBeforeJoin !== undefined) {
      const on = p.historyBeforeJoin === true || p.historyBeforeJoin === 1 || p.historyBeforeJoin === '1' || p.historyBeforeJoin === 'true';
      await ctx.groups.setHistoryBeforeJoin(p.groupId, on);
    }
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
