/**
 * Regression for the fan-out encoding change: a room broadcast encodes the frame to UTF-8 once and
 * hands the same bytes to every socket. Members must still get a *text* frame (a browser would
 * otherwise see a Blob) whose bytes are the exact UTF-8 of the push, non-ASCII included.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, sleep, type TestServer, type TestSocket } from './helpers.js';
import { roomText } from './chatroom-helpers.js';

/** Raw frames a socket receives from now on, with their text/binary flag. */
function rawFrames(s: TestSocket): Array<{ text: string; isBinary: boolean }> {
  const out: Array<{ text: string; isBinary: boolean }> = [];
  s.ws.on('message', (data, isBinary) => out.push({ text: Buffer.from(data as Buffer).toString('utf8'), isBinary }));
  return out;
}

describe('chatroom fan-out frames', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0, chatroom: { sweepMs: 0, userChangeNotify: 'all' } });
  });
  after(() => t.close());

  it('every member gets the same text frame, UTF-8 intact; the sender gets none', async () => {
    const sockets = await Promise.all(['fa', 'fb', 'fc'].map((u) => t.connect(u)));
    for (const s of sockets)
      assert.equal((await s.request('joinChatRoom', { chatRoomId: 'frames', count: -1 })).code, 0);
    await sleep(50);
    const seen = sockets.map(rawFrames);
    const text = 'héllo 世界 🎉 "quoted" \\ end';
    const reply = await sockets[0]!.request('sendChatroomMessage', roomText('frames', text));
    assert.equal(reply.code, 0);
    await sleep(100);
    const pushes = seen.map((frames) => frames.filter((f) => f.text.includes('"type":"message"')));
    assert.deepEqual(pushes[0], [], 'the sender does not get its own message');
    for (const got of pushes.slice(1)) {
      assert.equal(got.length, 1);
      assert.equal(got[0]!.isBinary, false, 'a text frame, not binary');
      const frame = JSON.parse(got[0]!.text);
      assert.equal(frame.push, 'chatroom');
      assert.equal(frame.data.message.content.content, text);
      assert.equal(frame.data.message.messageUId, reply.data.message.messageUId);
    }
    assert.equal(pushes[1]![0]!.text, pushes[2]![0]!.text, 'one serialization for all members');
    // Room events go through the same broadcast: a quit with userChangeNotify 'all' reaches the others as text.
    await sockets[2]!.request('quitChatRoom', { chatRoomId: 'frames' });
    await sleep(100);
    const event = seen[1]!.find((f) => f.text.includes('"type":"event"'));
    assert.ok(event, 'the quit event reached a member');
    assert.equal(event.isBinary, false);
  });
});
