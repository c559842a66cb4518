/**
 * Server API endpoints of group roles (Parley's; the seeds leave owners and admins to the app): the
 * owner and the admins, who may recall members' messages when the server runs with
 * `recallBy: 'group-admins'`. `/group/user/query.json` lists each member's role.
 */
import * as v from 'valibot';
import type { EndpointTable } from './api-context.js';
import { endpoint, id, idList } from './params.js';

const Owner = v.object({ groupId: id, userId: id });
const Admins = v.object({ groupId: id, userId: idList });

export const groupRoleEndpoints = {
  /** Makes a member the group's owner (the previous one becomes a plain member). 22410, 22406 (not a member). */
  '/group/owner/set.json': endpoint(Owner, async (p, ctx) => {
    await ctx.chat.groupRoles.setOwner(p.groupId, p.userId);
    return {};
  }),
  /** Makes members admins (at most 10 per group, else 1002 and nobody is added). 22410, 22406. */
  '/group/manager/add.json': endpoint(Admins, async (p, ctx) => {
    await ctx.chat.groupRoles.addAdmins(p.groupId, p.userId);
    return {};
  }),
  /** Takes the admin role away (ids without it are ignored). 22410. */
  '/group/manager/remove.json': endpoint(Admins, async (p, ctx) => {
    await ctx.chat.groupRoles.removeAdmins(p.groupId, p.userId);
    return {};
  }),
} satisfies EndpointTable;
