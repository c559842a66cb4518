/**
 * One node, restarted: the room, its attributes, roles, queue and moderation are still there, the
 * members' automatic rejoin finds the same room (same session) instead of creating an empty one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConversationType, ErrorCode, TextMessage } from '../../src/services/client/index.js';
import { connectedClient, sleep, useTestServer, waitFor } from './helpers.js';

describe('client: chatrooms survive a server restart', () => {
  const { t, track } = useTestServer({ chatroom: { sweepMs: 0 } });

  it('room, KV, roles, queue and gags are kept; the rejoin finds the same room', async () => {
    const owner = await connectedClient(t, 'rs-owner');
    const guest = await connectedClient(t, 'rs-guest');
    track(owner.client, guest.client);
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'rs-room', creatorId: 'rs-owner' });
    assert.equal((await owner.client.joinChatRoom('rs-room', { count: 0 })).code, 0);
    assert.equal((await guest.client.joinChatRoom('rs-room', { count: 0 })).code, 0);
    assert.equal((await owner.client.setChatRoomEntry('rs-room', { key: 'topic', value: 'kept' })).code, 0);
    assert.equal((await owner.client.chatroom.roles.setMemberRole('rs-room', 'rs-guest', 'admin')).code, 0);
    assert.equal((await guest.client.chatroom.roles.queueOffer('rs-room', 'mic1', 'rs-guest')).code, 0);
    await t.api.call('/chatroom/user/gag/add.json', { chatroomId: 'rs-room', userId: 'rs-owner', minute: 30 });
    const before = await t.api.call('/chatroom/query.json', { chatroomId: 'rs-room' });

    await t.stop();
    await t.restart();
    await waitFor(
      () => owner.client.getConnectionStatus() === 0 && guest.client.getConnectionStatus() === 0,
      'both reconnect',
      10_000,
    );
    // The clients rejoin by themselves; wait until the guest is a member again.
    let roles;
    for (let i = 0; i < 100; i++) {
      roles = await guest.client.chatroom.roles.getRoles('rs-room');
      if (roles.code === 0) break;
      await sleep(50);
    }
    const after = await t.api.call('/chatroom/query.json', { chatroomId: 'rs-room' });
    assert.equal(after.chatRooms[0].sessionId, before.chatRooms[0].sessionId, 'the same room, not a re-created one');
    assert.deepEqual([roles?.data?.creatorId, roles?.data?.admins], ['rs-owner', ['rs-guest']]);
    assert.equal((await guest.client.getChatRoomEntry('rs-room', 'topic')).data, 'kept');
    assert.deepEqual((await guest.client.chatroom.roles.queueList('rs-room')).data, [
      { key: 'mic1', value: 'rs-guest', userId: 'rs-guest' },
    ]);
    const gagged = await owner.client.sendMessage(
      { conversationType: ConversationType.CHATROOM, targetId: 'rs-room' },
      new TextMessage({ content: 'x' }),
    );
    assert.equal(gagged.code, ErrorCode.FORBIDDEN_IN_CHATROOM);
  });
});

describe('client: join-pull after a restart, with history on', () => {
  const { t, track } = useTestServer({ chatroom: { sweepMs: 0, historyEnabled: true } });

  it('a member joining after the restart gets the newest messages from the stored history', async () => {
    const sender = await connectedClient(t, 'jp-sender');
    track(sender.client);
    assert.equal((await sender.client.joinChatRoom('jp-room', { count: 0 })).code, 0);
    for (const n of [1, 2, 3]) {
      assert.equal(
        (
          await sender.client.sendMessage(
            { conversationType: ConversationType.CHATROOM, targetId: 'jp-room' },
            new TextMessage({ content: `m${n}` }),
          )
        ).code,
        0,
      );
    }
    await t.stop();
    await t.restart();
    const late = await connectedClient(t, 'jp-late');
    track(late.client);
    const joined = await late.client.joinExistChatRoom('jp-room', { count: 2 });
    assert.equal(joined.code, 0);
    await waitFor(() => late.recorder.messages().length === 2, 'the two newest arrive');
    assert.deepEqual(
      late.recorder.messages().map((m) => (m.content as { content: string }).content),
      ['m2', 'm3'],
    );
  });
});
