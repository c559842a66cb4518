/**
 * What the chatroom suites of `<message-list>` and `<message-editor>` share: a room, publishing
 * to it from the app's server, reading the room header, notices and the editor, and Alice alone in
 * a new room.
 */
import { expect } from '@open-wc/testing';
import { ConversationType } from '../../protocol/constants.js';
import {
  connectUser,
  mountChat,
  serverApi,
  shadow,
  uniqueId,
  waitFor,
  type ChatView,
  type TestUser,
} from '../shared/test-utils.js';

export const room = (targetId: string) => ({ conversationType: ConversationType.CHATROOM, targetId });

/** A new room, created by the app's server. */
export async function createRoom(): Promise<string> {
  const id = uniqueId('room');
  expect((await serverApi('/chatroom/create.json', { [`chatroom[${id}]`]: id })).code).to.equal(200);
  return id;
}

/** A text message to the room from the app's server. */
export const publish = (roomId: string, fromUserId: string, content: string) =>
  serverApi('/message/chatroom/publish.json', {
    fromUserId,
    toChatroomId: roomId,
    objectName: 'RC:TxtMsg',
    content: JSON.stringify({ content }),
  });

export const memberCount = (view: ChatView) =>
  shadow(view.messages).querySelector('[part~=member-count]')?.textContent?.trim();
export const roomNotice = (view: ChatView) =>
  shadow(view.messages).querySelector<HTMLElement>('[part~=room-notice]')?.textContent?.replace(/\s+/g, ' ').trim() ??
  '';
export const editorHint = (view: ChatView) => shadow(view.editor).querySelector('.hint')?.textContent?.trim() ?? '';
export const textarea = (view: ChatView) => shadow(view.editor).querySelector('textarea')!;

/** A new room with Alice alone in it, shown in her kit. */
export async function aliceInNewRoom(): Promise<{ roomId: string; alice: TestUser; view: ChatView }> {
  const roomId = await createRoom();
  const alice = await connectUser(uniqueId('alice'));
  const view = await mountChat(alice);
  await alice.kit.selectConversation(room(roomId));
  await waitFor(() => memberCount(view) === '1 in the room', 3000, 'joined');
  return { roomId, alice, view };
}
