/**
 * Room and member profiles and closed rooms through the client (seeds 003): what an app calls and
 * what its listeners and messages get, against a real server (restarted in the last test).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ConversationType,
  ErrorCode,
  Events,
  TextMessage,
  type IChatroomListenerData,
  type IReceivedMessage,
  type ParleyClient,
} from '../../src/services/client/index.js';
import { connectedClient, sleep, useTestServer, waitFor } from './helpers.js';

const CHATROOM = ConversationType.CHATROOM;

function record(client: ParleyClient) {
  const events: IChatroomListenerData[] = [];
  const messages: IReceivedMessage[] = [];
  client.addEventListener(Events.CHATROOM, (e) => events.push(e));
  client.addEventListener(Events.MESSAGES, ({ messages: m }) =>
    messages.push(...m.filter((x) => x.conversationType === CHATROOM)),
  );
  return { events, messages };
}

describe('client: chatroom profiles', () => {
  const { t, track } = useTestServer({ chatroom: { sweepMs: 0, infoPerSecond: 100, infoPerMinute: 1000 } });
  async function user(id: string) {
    const c = await connectedClient(t, id);
    track(c.client);
    return { client: c.client, ...record(c.client) };
  }

  it('the room profile comes with the join; the creator changes it and members hear updateChatroom', async () => {
    await t.api.call('/chatroom/create_new.json', {
      chatroomId: 'cp-1',
      creatorId: 'cp-owner',
      name: 'Launch',
      announcement: 'Welcome',
    });
    const owner = await user('cp-owner');
    const viewer = await user('cp-viewer');
    assert.equal((await owner.client.joinChatRoom('cp-1', { count: -1 })).code, 0);
    const joined = await viewer.client.joinChatRoom('cp-1', { count: -1 });
    assert.equal(joined.data?.info?.name, 'Launch');
    assert.equal(joined.data?.info?.announcement, 'Welcome');
    const changed = await owner.client.updateChatroomInfo('cp-1', {
      announcement: 'Q&A at 9',
      broadcastUrl: 'https://live.example.com/cp-1',
    });
    assert.equal(changed.code, 0);
    assert.equal(changed.data?.name, 'Launch', 'resolves with the whole profile');
    await waitFor(
      () => viewer.events.some((e) => e.updateChatroom?.info.announcement === 'Q&A at 9'),
      'the viewer hears the change',
    );
    assert.equal(
      (await viewer.client.updateChatroomInfo('cp-1', { name: 'taken' })).code,
      ErrorCode.FORBIDDEN_IN_CHATROOM,
    );
    // Checked before sending: a script URL never leaves the client.
    assert.equal(
      (await owner.client.updateChatroomInfo('cp-1', { broadcastUrl: 'javascript:alert(1)' })).code,
      ErrorCode.RC_CHATROOM_PARAMETER_INVALID,
    );
    const info = await viewer.client.getChatRoomInfo('cp-1');
    assert.equal(info.data?.info?.broadcastUrl, 'https://live.example.com/cp-1');
  });

  it('closing keeps newcomers out with 13002 and tells members; opening lets them in', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'cp-2', creatorId: 'cp2-owner' });
    const owner = await user('cp2-owner');
    const member = await user('cp2-member');
    const late = await user('cp2-late');
    await owner.client.joinChatRoom('cp-2', { count: -1 });
    await member.client.joinChatRoom('cp-2', { count: -1 });
    const closed = await owner.client.toggleChatroomCloseStat('cp-2', true);
    assert.equal(closed.data?.closed, true);
    await waitFor(() => member.events.some((e) => e.updateChatroom?.info.closed === true), 'the member is told');
    assert.equal((await late.client.joinChatRoom('cp-2', { count: -1 })).code, ErrorCode.CHATROOM_CLOSED);
    assert.equal((await member.client.toggleChatroomCloseStat('cp-2', false)).code, ErrorCode.FORBIDDEN_IN_CHATROOM);
    await owner.client.toggleChatroomCloseStat('cp-2', false);
    assert.equal((await late.client.joinChatRoom('cp-2', { count: -1 })).code, 0);
  });

  it('a nickname and avatar set on join show in the member list and on messages; changes reach the room', async () => {
    const a = await user('cp3-a');
    const b = await user('cp3-b');
    const joined = await a.client.joinChatRoom('cp-3', {
      count: -1,
      memberInfo: { nick: 'Captain', avatar: 'https://img.example.com/cap.png' },
    });
    assert.equal(joined.data?.memberInfo?.nick, 'Captain');
    assert.equal(
      (await b.client.joinChatRoom('cp-3', { count: -1, memberInfo: { avatar: 'javascript:alert(1)' } })).code,
      ErrorCode.RC_CHATROOM_PARAMETER_INVALID,
    );
    await b.client.joinChatRoom('cp-3', { count: -1 });
    const list = await b.client.getChatRoomInfo('cp-3', { count: 5 });
    assert.equal(list.data?.userInfos.find((u) => u.id === 'cp3-a')?.nick, 'Captain');
    await a.client.sendMessage({ conversationType: CHATROOM, targetId: 'cp-3' }, new TextMessage({ content: 'ahoy' }));
    await waitFor(() => b.messages.length === 1, 'B gets the message');
    assert.equal(b.messages[0]!.fromNick, 'Captain');
    assert.equal(b.messages[0]!.fromAvatar, 'https://img.example.com/cap.png');
    const renamed = await a.client.updateMyChatroomMemberInfo('cp-3', { nick: 'Admiral' });
    assert.deepEqual(renamed.data, { nick: 'Admiral', avatar: 'https://img.example.com/cap.png', ext: '' });
    await waitFor(() => b.events.some((e) => e.updateMemberInfo?.member.nick === 'Admiral'), 'B hears the change');
  });

  it('after a server restart the rejoin sends the profile again, so messages still carry it', async () => {
    const a = await user('cp4-a');
    const b = await user('cp4-b');
    await a.client.joinChatRoom('cp-4', { count: -1, memberInfo: { nick: 'Before' } });
    await a.client.updateMyChatroomMemberInfo('cp-4', { nick: 'Renamed' });
    await b.client.joinChatRoom('cp-4', { count: -1 });
    await t.stop();
    await t.restart();
    await waitFor(
      () =>
        a.events.some((e) => e.rejoinedRoom && 'count' in e.rejoinedRoom) &&
        b.events.some((e) => e.rejoinedRoom && 'count' in e.rejoinedRoom),
      'both rejoin',
      10_000,
    );
    await sleep(20);
    const sent = await a.client.sendMessage(
      { conversationType: CHATROOM, targetId: 'cp-4' },
      new TextMessage({ content: 'back' }),
    );
    assert.equal(sent.code, 0);
    await waitFor(() => b.messages.some((m) => (m.content as { content: string }).content === 'back'), 'B gets it');
    assert.equal(b.messages.find((m) => (m.content as { content: string }).content === 'back')!.fromNick, 'Renamed');
  });
});
