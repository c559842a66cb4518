/** Helpers for chatroom server tests: reading chatroom pushes off a TestSocket. */
import type { ChatroomEventPayload, ChatroomPush } from '../../src/protocol/chatroom.js';
import type { WireMessage } from '../../src/protocol/frames.js';
import type { TestSocket } from './helpers.js';

/** All chatroom pushes a socket got. */
export function chatroomPushes(s: TestSocket): ChatroomPush[] {
  return s.frames.filter((f): f is ChatroomPush => 'push' in f && f.push === 'chatroom');
}

/** Chatroom messages a socket got, in order. */
export function roomMessages(s: TestSocket): WireMessage[] {
  return chatroomPushes(s).flatMap((p) => (p.data.type === 'message' ? [p.data.message] : []));
}

/** Texts of the chatroom messages a socket got. */
export function roomTexts(s: TestSocket): string[] {
  return roomMessages(s).map((m) => String((m.content as { content?: unknown }).content));
}

/** Chatroom events a socket got (with their `left`). */
export function roomEvents(s: TestSocket): Array<{ event: ChatroomEventPayload; left?: string }> {
  return chatroomPushes(s).flatMap((p) =>
    p.data.type === 'event' ? [{ event: p.data.event, left: p.data.left }] : [],
  );
}

/** Waits for an event matching `match`. */
export async function waitForEvent(s: TestSocket, match: (e: ChatroomEventPayload) => boolean, timeoutMs = 3000) {
  const f = await s.waitFor<ChatroomPush>(
    (f) => 'push' in f && f.push === 'chatroom' && f.data.type === 'event' && match(f.data.event),
    0,
    timeoutMs,
  );
  return f.data as { type: 'event'; event: ChatroomEventPayload; left?: string };
}

/** Waits until the socket got `n` chatroom messages. */
export async function waitForRoomMessages(s: TestSocket, n: number, timeoutMs = 3000): Promise<WireMessage[]> {
  await s.waitFor(() => roomMessages(s).length >= n, 0, timeoutMs);
  return roomMessages(s);
}

let seq = 0;
/** A `sendChatroomMessage` request body. */
export function roomText(chatRoomId: string, text: string, messageType = 'RC:TxtMsg') {
  return { chatRoomId, messageType, content: { content: text }, clientMessageId: `c${++seq}` };
}

/** Connects the user and joins the room (without pulling messages); fails the test if the join is refused. */
export async function joinRoom(
  t: { connect(userId: string): Promise<TestSocket> },
  roomId: string,
  userId: string,
): Promise<TestSocket> {
  const s = await t.connect(userId);
  const res = await s.request('joinChatRoom', { chatRoomId: roomId, count: -1 });
  if (res.code !== 0) throw new Error(`${userId} could not join ${roomId}: ${JSON.stringify(res)}`);
  return s;
}
