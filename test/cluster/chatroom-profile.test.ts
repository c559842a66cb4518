/**
 * Room and member profiles and closed rooms on a cluster: two nodes, one data folder and one Redis.
 * What one node changes reaches members and joins on the other.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createServerApiClient } from '../../server/api-client.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { roomMessages, roomText, waitForEvent, waitForRoomMessages } from '../server/chatroom-helpers.js';
import { eventually } from './harness.js';
import { useInProcessNodes } from './in-process-nodes.js';

describe('cluster: chatroom profiles across nodes', { timeout: 60_000 }, () => {
  const cluster = useInProcessNodes('roomprofile', ['rpa', 'rpb'], {
    sendRatePerSecond: 0,
    chatroom: { sweepMs: 0, infoPerSecond: 100, infoPerMinute: 1000 },
  });

  it('a profile change, a close and a member profile made through one node hold on the other', async () => {
    const [a, b] = cluster.nodes as [(typeof cluster.nodes)[0], (typeof cluster.nodes)[0]];
    const apiA = createServerApiClient({ baseUrl: a.url, ...cluster.app });
    assert.equal(
      (await apiA.call('/chatroom/create_new.json', { chatroomId: 'cp', creatorId: 'cp-owner', name: 'Across' })).code,
      200,
    );
    const owner = await cluster.connect(a, 'cp-owner');
    assert.equal((await owner.request('joinChatRoom', { chatRoomId: 'cp', count: -1 })).code, 0);
    const viewer = await cluster.connect(b, 'cp-viewer');
    let joined = await viewer.request('joinChatRoom', {
      chatRoomId: 'cp',
      count: -1,
      memberInfo: { nick: 'Viewer B' },
    });
    for (let i = 0; joined.code !== 0 && i < 50; i++)
      joined = await viewer.request('joinChatRoom', { chatRoomId: 'cp', count: -1, memberInfo: { nick: 'Viewer B' } });
    assert.equal(joined.data.info.name, 'Across', 'node B knows the profile node A stored');

    // The owner on A changes the announcement: the viewer on B hears it, and B's info has it.
    assert.equal(
      (await owner.request('updateChatroomInfo', { chatRoomId: 'cp', info: { announcement: 'from A' } })).code,
      0,
    );
    const heard = await waitForEvent(viewer, (e) => !!e.updateChatroom);
    assert.equal(heard.event.updateChatroom!.info.announcement, 'from A');
    await eventually(
      async () => (await viewer.request('getChatRoomInfo', { chatRoomId: 'cp' })).data.info.announcement === 'from A',
      'B reloads the profile',
    );

    // The viewer's nickname (set through B) shows in A's member list and on messages A delivers.
    const list = await owner.request('getChatRoomInfo', { chatRoomId: 'cp', count: 5 });
    assert.equal(list.data.userInfos.find((u: { id: string }) => u.id === 'cp-viewer')?.nick, 'Viewer B');
    assert.equal((await viewer.request('sendChatroomMessage', roomText('cp', 'hello A'))).code, 0);
    await waitForRoomMessages(owner, 1);
    assert.equal(roomMessages(owner)[0]!.fromNick, 'Viewer B');

    // Closed through A: a newcomer on B is refused; the viewer already in stays.
    assert.equal((await apiA.call('/chatroom/toggleCloseStat.json', { chatroomId: 'cp', valid: 0 })).code, 200);
    await waitForEvent(viewer, (e) => e.updateChatroom?.info.closed === true);
    const late = await cluster.connect(b, 'cp-late');
    await eventually(
      async () => (await viewer.request('getChatRoomInfo', { chatRoomId: 'cp' })).data.info.closed === true,
      'B reloads the closed state',
    );
    assert.equal((await late.request('joinChatRoom', { chatRoomId: 'cp', count: -1 })).code, ErrorCode.CHATROOM_CLOSED);
    assert.equal((await viewer.request('joinChatRoom', { chatRoomId: 'cp', count: -1 })).code, 0);
  });
});
