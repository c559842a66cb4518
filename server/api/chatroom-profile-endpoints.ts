/**
 * Room and member profiles through the Server API (seeds 003, the CommsEase room: "Updating the
 * chat room profile", "Opening or closing chat rooms", "Edit member profile"; the paths follow
 * CommsEase's `chatroom/update`, `chatroom/toggleCloseStat` and `chatroom/updateMyRoomRole`). The app
 * is trusted: no role check applies. A missing room is 23410; a member who is not in the room, 23406.
 */
import * as v from 'valibot';
import { ChatroomInfoFields, ChatroomMemberInfoFields, notifyExtField } from '../../src/protocol/chatroom-profile.js';
import type { EndpointTable } from './api-context.js';
import { ApiError, endpoint, flag, flagValue, id } from './params.js';
import { ServerApiCode } from '../../src/protocol/error-codes.js';

const Update = v.object({ chatroomId: id, ...ChatroomInfoFields, needNotify: flag(true), notifyExt: notifyExtField });
/** CommsEase's `valid`: true opens the room, false closes it. */
const ToggleClose = v.object({ chatroomId: id, valid: flagValue, notifyExt: notifyExtField });
const MemberUpdate = v.object({
  chatroomId: id,
  userId: id,
  ...ChatroomMemberInfoFields,
  needNotify: flag(true),
  notifyExt: notifyExtField,
});

/** The room-profile fields given (absent ones stay); `create_new.json` uses it too. */
export function infoPatch(p: {
  name?: string | undefined;
  announcement?: string | undefined;
  broadcastUrl?: string | undefined;
  ext?: string | undefined;
}) {
  return {
    ...(p.name !== undefined ? { name: p.name } : {}),
    ...(p.announcement !== undefined ? { announcement: p.announcement } : {}),
    ...(p.broadcastUrl !== undefined ? { broadcastUrl: p.broadcastUrl } : {}),
    ...(p.ext !== undefined ? { ext: p.ext } : {}),
  };
}

export const chatroomProfileEndpoints = {
  '/chatroom/update.json': endpoint(Update, async (p, ctx) => {
    const patch = infoPatch(p);
    if (Object.keys(patch).length === 0)
      throw new ApiError(400, ServerApiCode.PARAM_ERROR, 'name, announcement, broadcastUrl or ext: at least one');
    return {
      info: ctx.chatrooms.profiles.update(null, p.chatroomId, patch, {
        needNotify: p.needNotify,
        notifyExt: p.notifyExt,
      }),
    };
  }),
  '/chatroom/toggleCloseStat.json': endpoint(ToggleClose, async (p, ctx) => {
    return { info: ctx.chatrooms.profiles.setClosed(null, p.chatroomId, !p.valid, p.notifyExt) };
  }),
  '/chatroom/user/info/update.json': endpoint(MemberUpdate, async (p, ctx) => {
    const patch = {
      ...(p.nick !== undefined ? { nick: p.nick } : {}),
      ...(p.avatar !== undefined ? { avatar: p.avatar } : {}),
      ...(p.ext !== undefined ? { ext: p.ext } : {}),
    };
    if (Object.keys(patch).length === 0)
      throw new ApiError(400, ServerApiCode.PARAM_ERROR, 'nick, avatar or ext: at least one');
    const member = await ctx.chatrooms.profiles.updateMemberByApp(p.userId, p.chatroomId, patch, {
      needNotify: p.needNotify,
      notifyExt: p.notifyExt,
    });
    return { member };
  }),
} satisfies EndpointTable;
