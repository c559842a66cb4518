/**
 * What the elements and the rest of the store need to know about chatrooms without the chatroom
 * logic itself (`chatrooms.ts`, loaded the first time a room is opened or a chatroom event arrives).
 */
import { ConversationType } from '../../protocol/constants.js';
import type {
  ChatroomRestriction,
  ChatroomRestrictionReason,
  ChatroomView,
  ConversationKey,
  KitState,
} from './types.js';

/** Message type of the kit's own join/leave rows; never sent, only shown. */
export const MEMBER_NOTICE_TYPE = 'parley:chrmMember';

/** Content of a join/leave row. */
export interface MemberNoticeContent {
  userId: string;
  action: 'joined' | 'left';
}

/** Whether a store key names a chatroom. */
export function isChatroomKey(key: ConversationKey | null | undefined): key is ConversationKey {
  return !!key && key.startsWith(`${ConversationType.CHATROOM}:`);
}

/** The restriction the editor shows first: the most severe one. */
export function mainRestriction(room: ChatroomView | undefined): ChatroomRestriction | undefined {
  const order: ChatroomRestrictionReason[] = ['blocked', 'guest', 'globalGag', 'gag', 'muteAll', 'muted'];
  return room?.restrictions.slice().sort((a, b) => order.indexOf(a.reason) - order.indexOf(b.reason))[0];
}

/** Parley: the open conversation's chatroom view, or undefined when the open conversation is no chatroom. */
export function selectOpenChatroom(state: KitState): ChatroomView | undefined {
  return isChatroomKey(state.selected) ? state.chatrooms[state.selected] : undefined;
}
