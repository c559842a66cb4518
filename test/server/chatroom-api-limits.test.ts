/**
 * The chatroom Server API against the RongCloud one: `get.json`, batch attributes, the per-call and
 * per-room caps, the broadcast rate, the seeds' codes for a missing room, a stranger and a recall
 * refused for permission.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCode, ServerApiCode } from '../../src/protocol/error-codes.js';
import { roomText, waitForRoomMessages, joinRoom } from './chatroom-helpers.js';
import { startTestServer, TestClock, type TestServer } from './helpers.js';

const users = (n: number, prefix = 'u') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('chatroom Server API: completeness, limits and codes', () => {
  let t: TestServer;
  const clock = new TestClock();
  before(async () => {
    t = await startTestServer({ clock, sendRatePerSecond: 0, chatroom: { sweepMs: 0 } });
  });
  after(async () => t.close());

  const join = (roomId: string, userId: string) => joinRoom(t, roomId, userId);

  it('get.json describes a room, or answers 23410', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'ap1', creatorId: 'ap1-boss' });
    await join('ap1', 'ap1-a');
    const got = await t.api.call('/chatroom/get.json', { chatroomId: 'ap1' });
    assert.equal(got.code, 200);
    assert.deepEqual(
      [got.chatroom.chrmId, got.chatroom.userCount, got.chatroom.creatorId, got.chatroom.isBan],
      ['ap1', 1, 'ap1-boss', false],
    );
    assert.equal(
      (await t.api.call('/chatroom/get.json', { chatroomId: 'ap-missing' })).code,
      ErrorCode.RC_CHATROOM_NOT_EXIST,
    );
  });

  it('calls naming a missing room answer 23410 and store nothing', async () => {
    const calls: Array<[string, Record<string, string | number>]> = [
      ['/chatroom/user/block/add.json', { chatroomId: 'ap-none', userId: 'x', minute: 5 }],
      ['/chatroom/user/block/rollback.json', { chatroomId: 'ap-none', userId: 'x' }],
      ['/chatroom/user/block/list.json', { chatroomId: 'ap-none' }],
      ['/chatroom/user/gag/add.json', { chatroomId: 'ap-none', userId: 'x', minute: 5 }],
      ['/chatroom/user/gag/list.json', { chatroomId: 'ap-none' }],
      ['/chatroom/ban/add.json', { chatroomId: 'ap-none' }],
      ['/chatroom/ban/rollback.json', { chatroomId: 'ap-none' }],
      ['/chatroom/user/ban/whitelist/add.json', { chatroomId: 'ap-none', userId: 'x' }],
      ['/chatroom/user/whitelist/add.json', { chatroomId: 'ap-none', userId: 'x' }],
      ['/chatroom/keepalive/add.json', { chatroomId: 'ap-none' }],
      ['/chatroom/user/query.json', { chatroomId: 'ap-none' }],
      ['/chatroom/entry/query.json', { chatroomId: 'ap-none' }],
    ];
    for (const [path, params] of calls)
      assert.equal((await t.api.call(path, params)).code, ErrorCode.RC_CHATROOM_NOT_EXIST, path);
    // Created later, the room starts clean.
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'ap-none' });
    const x = await join('ap-none', 'x');
    assert.equal((await x.request('sendChatroomMessage', roomText('ap-none', 'clean'))).code, 0);
    assert.deepEqual((await t.api.call('/chatroom/keepalive/query.json', {})).chatroomIds, []);
  });

  it('gag, block and the allowlists take at most 20 users per call; the user allowlist at most 5 per room', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'ap3' });
    for (const path of ['/chatroom/user/gag/add.json', '/chatroom/user/block/add.json']) {
      const res = await t.api.call(path, { chatroomId: 'ap3', userId: users(21), minute: 5 });
      assert.equal(res.code, ServerApiCode.PARAM_ERROR, path);
      assert.equal((await t.api.call(path, { chatroomId: 'ap3', userId: users(20), minute: 5 })).code, 200, path);
    }
    assert.equal(
      (await t.api.call('/chatroom/user/ban/add.json', { userId: users(21, 'g'), minute: 5 })).code,
      ServerApiCode.PARAM_ERROR,
    );
    assert.equal(
      (await t.api.call('/chatroom/user/whitelist/add.json', { chatroomId: 'ap3', userId: users(3, 'w') })).code,
      200,
    );
    const over = await t.api.call('/chatroom/user/whitelist/add.json', {
      chatroomId: 'ap3',
      userId: ['w2', 'w3', 'w4', 'w5'],
    });
    assert.equal(over.code, ServerApiCode.PARAM_ERROR);
    assert.deepEqual(
      (await t.api.call('/chatroom/user/whitelist/query.json', { chatroomId: 'ap3' })).users,
      ['w0', 'w1', 'w2'],
      'nothing added',
    );
    assert.equal(
      (await t.api.call('/chatroom/user/whitelist/add.json', { chatroomId: 'ap3', userId: ['w2', 'w3', 'w4'] })).code,
      200,
      'five in all',
    );
  });

  it('entry/batch/set.json and entry/batch/remove.json: up to 20 attributes per call', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'ap4' });
    const watcher = await join('ap4', 'ap4-w');
    const info = Object.fromEntries(users(20, 'k').map((k) => [k, `v-${k}`]));
    assert.equal(
      (
        await t.api.call('/chatroom/entry/batch/set.json', {
          chatroomId: 'ap4',
          entryOwnerId: 'ap4-w',
          entryInfo: JSON.stringify(info),
        })
      ).code,
      200,
    );
    const keys = (await t.api.call('/chatroom/entry/query.json', { chatroomId: 'ap4' })).keys as Array<{
      key: string;
      userId: string;
    }>;
    assert.equal(keys.length, 20);
    assert.ok(keys.every((k) => k.userId === 'ap4-w'));
    const tooMany = Object.fromEntries(users(21, 'z').map((k) => [k, 'v']));
    assert.equal(
      (
        await t.api.call('/chatroom/entry/batch/set.json', {
          chatroomId: 'ap4',
          entryOwnerId: 'ap4-w',
          entryInfo: JSON.stringify(tooMany),
        })
      ).code,
      ErrorCode.CHATROOM_KV_STORE_OUT_LIMIT,
    );
    assert.equal(
      (await t.api.call('/chatroom/entry/batch/remove.json', { chatroomId: 'ap4', entryKeys: users(21, 'k') })).code,
      ErrorCode.CHATROOM_KV_STORE_OUT_LIMIT,
    );
    assert.equal(
      (await t.api.call('/chatroom/entry/batch/remove.json', { chatroomId: 'ap4', entryKeys: ['k0', 'k1'] })).code,
      200,
    );
    const partial = await t.api.call('/chatroom/entry/batch/remove.json', {
      chatroomId: 'ap4',
      entryKeys: ['k2', 'nope'],
    });
    assert.equal(partial.code, ErrorCode.CHATROOM_KV_STORE_NOT_ALL_SUCCESS);
    assert.equal((await t.api.call('/chatroom/entry/query.json', { chatroomId: 'ap4' })).keys.length, 17);
    assert.equal(
      (
        await t.api.call('/chatroom/entry/batch/set.json', {
          chatroomId: 'ap4',
          entryOwnerId: 'ap4-w',
          entryInfo: '{"bad key":"v"}',
        })
      ).code,
      ServerApiCode.PARAM_ERROR,
    );
    void watcher;
  });

  it('broadcast.json: at most one per second', async () => {
    const body = { fromUserId: 'app', objectName: 'RC:TxtMsg', content: JSON.stringify({ content: 'all rooms' }) };
    assert.equal((await t.api.call('/message/chatroom/broadcast.json', body)).code, 200);
    assert.equal((await t.api.call('/message/chatroom/broadcast.json', body)).code, ServerApiCode.RATE_LIMITED);
    clock.advance(1000);
    assert.equal((await t.api.call('/message/chatroom/broadcast.json', body)).code, 200);
  });

  it('kickChatRoomMember on a stranger fails (23406); a recall refused for permission is 25107', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'ap6', creatorId: 'ap6-boss' });
    const boss = await join('ap6', 'ap6-boss');
    const a = await join('ap6', 'ap6-a');
    const b = await join('ap6', 'ap6-b');
    assert.equal(
      (await boss.request('kickChatRoomMember', { chatRoomId: 'ap6', userId: 'ap6-stranger' })).code,
      ErrorCode.NOT_IN_CHATROOM,
    );
    const sent = await a.request('sendChatroomMessage', roomText('ap6', 'mine'));
    await waitForRoomMessages(b, 1);
    const refused = await b.request('recallChatroomMessage', {
      chatRoomId: 'ap6',
      messageUId: sent.data.message.messageUId,
    });
    assert.equal(refused.code, ErrorCode.RECALL_MESSAGE_USER_INVALID);
    assert.equal(
      (await boss.request('recallChatroomMessage', { chatRoomId: 'ap6', messageUId: sent.data.message.messageUId }))
        .code,
      0,
      'the creator may',
    );
  });
});
