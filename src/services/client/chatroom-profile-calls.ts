/**
 * The room and member profile calls (seeds 003, CommsEase's names): `updateChatroomInfo`,
 * `updateMyChatroomMemberInfo`, `toggleChatroomCloseStat`. Loaded with chatroom-calls.ts (which
 * re-exports them) the first time a chatroom call is made. Input is checked here with the
 * protocol's own schemas, so a bad value resolves 23412 without a round trip.
 */
import * as v from 'valibot';
import {
  ToggleChatroomCloseStatSchema,
  UpdateChatroomInfoSchema,
  UpdateMyChatroomMemberInfoSchema,
} from '../../protocol/chatroom-profile.js';
import type {
  ChatroomInfo,
  ChatroomInfoPatch,
  ChatroomMemberInfo,
  ChatroomMemberInfoPatch,
} from '../../protocol/chatroom-profile.js';
import { ErrorCode } from '../../protocol/constants.js';
import type { ChatroomCallContext } from './chatroom-calls.js';
import type { IChatroomNoticeOption } from './chatroom-types.js';
import type { IAsyncRes } from './types.js';

const invalid = (msg: string) => ({ code: ErrorCode.RC_CHATROOM_PARAMETER_INVALID, msg });
const fail = (res: IAsyncRes<unknown>) => ({
  code: res.code || ErrorCode.UNKNOWN,
  ...(res.msg !== undefined ? { msg: res.msg } : {}),
});

/** Creator and admins: changes the room's profile; resolves with the whole profile. */
export async function updateInfo(
  ctx: ChatroomCallContext,
  chatRoomId: string,
  info: ChatroomInfoPatch,
  option: IChatroomNoticeOption = {},
): Promise<IAsyncRes<ChatroomInfo>> {
  const data = v.safeParse(UpdateChatroomInfoSchema, { chatRoomId, info, ...(option ?? {}) });
  if (!data.success) return invalid(v.summarize(data.issues));
  const res = await ctx.host.call('updateChatroomInfo', data.output);
  return res.code === ErrorCode.SUCCESS && res.data ? { code: ErrorCode.SUCCESS, data: res.data.info } : fail(res);
}

/** Changes the caller's own profile in the room; a rejoin after a reconnect sends it again. */
export async function updateMemberInfo(
  ctx: ChatroomCallContext,
  chatRoomId: string,
  member: ChatroomMemberInfoPatch,
  option: IChatroomNoticeOption = {},
): Promise<IAsyncRes<ChatroomMemberInfo>> {
  const data = v.safeParse(UpdateMyChatroomMemberInfoSchema, { chatRoomId, member, ...(option ?? {}) });
  if (!data.success) return invalid(v.summarize(data.issues));
  const res = await ctx.host.call('updateMyChatroomMemberInfo', data.output);
  if (res.code !== ErrorCode.SUCCESS || !res.data) return fail(res);
  const room = ctx.rooms.get(chatRoomId);
  if (room) room.memberInfo = res.data.member;
  return { code: ErrorCode.SUCCESS, data: res.data.member };
}

/** Creator and admins: `closed` true keeps newcomers out (13002), false admits them again. */
export async function toggleCloseStat(
  ctx: ChatroomCallContext,
  chatRoomId: string,
  closed: boolean,
): Promise<IAsyncRes<ChatroomInfo>> {
  const data = v.safeParse(ToggleChatroomCloseStatSchema, { chatRoomId, closed });
  if (!data.success) return invalid(v.summarize(data.issues));
  const res = await ctx.host.call('toggleChatroomCloseStat', data.output);
  return res.code === ErrorCode.SUCCESS && res.data ? { code: ErrorCode.SUCCESS, data: res.data.info } : fail(res);
}
