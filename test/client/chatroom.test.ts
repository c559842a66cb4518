import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ConversationType,
  ErrorCode,
  Events,
  ParleyClient,
  TextMessage,
  type IChatroomListenerData,
  type IReceivedMessage,
} from '../../src/services/client/index.js';
import { connectedClient, sleep, waitFor, useTestServer } from './helpers.js';

const CHATROOM = ConversationType.CHATROOM;

/** Records CHATROOM events and chatroom messages of a client. */
function roomRecorder(client: ParleyClient) {
  const events: IChatroomListenerData[] = [];
  const messages: IReceivedMessage[] = [];
  client.addEventListener(Events.CHATROOM, (e) => events.push(e));
  client.addEventListener(Events.MESSAGES, ({ messages: m }) =>
    messages.push(...m.filter((x) => x.conversationType === CHATROOM)),
  );
  return { events, messages, texts: () => messages.map((m) => (m.content as { content: string }).content) };
}

describe('client: chatrooms', () => {
  const { t, track } = useTestServer({
    chatroom: { sweepMs: 0, historyEnabled: true, infoPerSecond: 100, infoPerMinute: 1000 },
  });
  async function user(id: string) {
    const c = await connectedClient(t, id);
    track(c.client);
    return { client: c.client, room: roomRecorder(c.client) };
  }

  it('joinChatRoom / joinExistChatRoom / sendMessage / MESSAGES / quitChatRoom', async () => {
    const a = await user('cj-a');
    const b = await user('cj-b');
    assert.equal((await a.client.joinExistChatRoom('cj-room')).code, ErrorCode.RC_CHATROOM_NOT_EXIST);
    const joined = await a.client.joinChatRoom('cj-room', { count: -1 });
    assert.equal(joined.code, 0);
    assert.equal(joined.data?.userCount, 1);
    assert.equal((await b.client.joinExistChatRoom('cj-room', { count: 0 })).code, 0);
    await waitFor(() => a.room.events.some((e) => e.userChange?.ups[0]?.status === 1), 'A hears its own join');
    const sent = await a.client.sendMessage(
      { conversationType: CHATROOM, targetId: 'cj-room' },
      new TextMessage({ content: 'hi room' }),
    );
    assert.equal(sent.code, 0);
    assert.equal(sent.data?.conversationType, CHATROOM);
    await waitFor(() => b.room.messages.length === 1, 'B got it');
    assert.deepEqual(b.room.texts(), ['hi room']);
    assert.equal(b.room.messages[0]!.senderUserId, 'cj-a');
    await sleep(30);
    assert.equal(a.room.messages.length, 0, 'the sender does not get its own message back');
    assert.equal((await b.client.joinChatRoom('x', { count: 51 })).code, ErrorCode.RC_CHATROOM_PARAMETER_INVALID);
    assert.equal((await b.client.quitChatRoom('cj-room')).code, 0);
    await waitFor(() => b.room.events.some((e) => e.userChange?.ups[0]?.status === 0), 'B hears its quit');
    const notMember = await b.client.sendMessage(
      { conversationType: CHATROOM, targetId: 'cj-room' },
      new TextMessage({ content: 'x' }),
    );
    assert.equal(notMember.code, ErrorCode.NOT_IN_CHATROOM);
  });

  it('a late joiner gets the newest count messages as MESSAGES; getChatRoomInfo and getChatroomHistoryMessages', async () => {
    const a = await user('ch-a');
    await a.client.joinChatRoom('ch-room', { count: -1 });
    for (let i = 0; i < 4; i++)
      await a.client.sendMessage(
        { conversationType: CHATROOM, targetId: 'ch-room' },
        new TextMessage({ content: `m${i}` }),
      );
    const b = await user('ch-b');
    await b.client.joinChatRoom('ch-room', { count: 3 });
    assert.deepEqual(b.room.texts(), ['m1', 'm2', 'm3']);
    const info = await b.client.getChatRoomInfo('ch-room', { count: 20, order: 2 });
    assert.deepEqual(
      info.data?.userInfos.map((u) => u.id),
      ['ch-b', 'ch-a'],
    );
    assert.equal(info.data?.userCount, 2);
    const history = await b.client.getChatroomHistoryMessages('ch-room', { timestamp: 0, count: 2, order: 0 });
    assert.deepEqual(
      history.data?.list.map((m) => m.content.content),
      ['m2', 'm3'],
    );
    assert.equal(history.data?.hasMore, true);
  });

  it('chatroomDestroyed when the room is destroyed; the room is not rejoined', async () => {
    const a = await user('cd-a');
    await a.client.joinChatRoom('cd-room', { count: -1 });
    await t.api.call('/chatroom/destroy.json', { chatroomId: 'cd-room' });
    await waitFor(() => a.room.events.some((e) => e.chatroomDestroyed === 'cd-room'), 'destroyed event');
    assert.deepEqual(a.client.chatroom.joined(), []);
  });

  it('after a reconnect the client rejoins by itself (rejoinedRoom), pulls count messages and drops the ones it has', async () => {
    const a = await user('rj-a');
    const b = await user('rj-b');
    await a.client.joinChatRoom('rj-room', { count: -1 });
    await b.client.joinChatRoom('rj-room', { count: 10 });
    const conv = { conversationType: CHATROOM, targetId: 'rj-room' } as const;
    await a.client.sendMessage(conv, new TextMessage({ content: 'before' }));
    await waitFor(() => b.room.messages.length === 1, 'B got the first');
    (b.client as unknown as { connection: { lose(): void } }).connection.lose();
    await sleep(20);
    await a.client.sendMessage(conv, new TextMessage({ content: 'while away' }));
    await waitFor(() => b.room.events.some((e) => e.rejoinedRoom), 'B rejoined', 5000);
    assert.deepEqual(b.room.events.find((e) => e.rejoinedRoom)?.rejoinedRoom, { chatroomId: 'rj-room', count: 10 });
    await waitFor(() => b.room.messages.length === 2, 'B got the missed one');
    assert.deepEqual(b.room.texts(), ['before', 'while away'], 'nothing twice');
    await a.client.sendMessage(conv, new TextMessage({ content: 'after' }));
    await waitFor(() => b.room.messages.length === 3, 'B is live again');
  });

  it('attributes: set, forceSet, get, getAll, setEntries, remove, forceRemove, removeEntries and updatedEntries', async () => {
    const a = await user('kv-a');
    const b = await user('kv-b');
    await a.client.joinChatRoom('kv-room', { count: -1 });
    await b.client.joinChatRoom('kv-room', { count: -1 });
    assert.equal(
      (await a.client.setChatRoomEntry('kv-room', { key: 'mic1', value: 'a', isAutoDelete: false })).code,
      0,
    );
    await waitFor(() => b.room.events.some((e) => e.updatedEntries?.[0]?.key === 'mic1'), 'B sees the update');
    assert.equal((await b.client.getChatRoomEntry('kv-room', 'mic1')).data, 'a');
    assert.equal(
      (await b.client.setChatRoomEntry('kv-room', { key: 'mic1', value: 'b' })).code,
      ErrorCode.CHATROOM_KV_OVERWRITE_INVALID,
    );
    assert.equal((await b.client.forceSetChatRoomEntry('kv-room', { key: 'mic1', value: 'b' })).code, 0);
    const batch = await a.client.setChatRoomEntries('kv-room', {
      entries: [
        { key: 'mic1', value: 'x' },
        { key: 'mic2', value: 'a2' },
      ],
    });
    assert.equal(batch.code, ErrorCode.CHATROOM_KV_STORE_NOT_ALL_SUCCESS);
    assert.deepEqual(batch.data, { failed: { mic1: ErrorCode.CHATROOM_KV_OVERWRITE_INVALID } });
    assert.deepEqual((await a.client.getAllChatRoomEntries('kv-room')).data, { mic1: 'b', mic2: 'a2' });
    assert.equal(
      (await a.client.removeChatRoomEntry('kv-room', { key: 'mic1' })).code,
      ErrorCode.CHATROOM_KV_OVERWRITE_INVALID,
    );
    assert.equal((await a.client.forceRemoveChatRoomEntry('kv-room', { key: 'mic1' })).code, 0);
    assert.equal((await a.client.getChatRoomEntry('kv-room', 'mic1')).code, ErrorCode.CHATROOM_KEY_NOT_EXIST);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    assert.equal(
      (await a.client.setChatRoomEntries('kv-room', { entries: eleven })).code,
      ErrorCode.CHATROOM_KV_STORE_OUT_LIMIT,
    );
    assert.equal(
      (await a.client.setChatRoomEntry('kv-room', { key: 'bad key', value: 'v' })).code,
      ErrorCode.RC_CHATROOM_PARAMETER_INVALID,
    );
    assert.equal((await a.client.removeChatRoomEntries('kv-room', { entries: ['mic2'] })).code, 0);
    assert.deepEqual((await b.client.getAllChatRoomEntries('kv-room')).data, {});
    await waitFor(
      () => b.room.events.some((e) => e.updatedEntries?.[0]?.key === 'mic2' && e.updatedEntries[0].type === 2),
      'B sees the removal',
    );
  });

  it('chatroomNotifyBlock and chatroomNotifyBan reach the client; a blocked user leaves and is refused with 23409', async () => {
    const a = await user('mod-a');
    const b = await user('mod-b');
    await a.client.joinChatRoom('mod-room', { count: -1 });
    await b.client.joinChatRoom('mod-room', { count: -1 });
    await t.api.call('/chatroom/user/gag/add.json', {
      chatroomId: 'mod-room',
      userId: 'mod-b',
      minute: 5,
      needNotify: 1,
    });
    await waitFor(() => a.room.events.some((e) => e.chatroomNotifyBan?.userIds[0] === 'mod-b'), 'gag notice');
    const muted = await b.client.sendMessage(
      { conversationType: CHATROOM, targetId: 'mod-room' },
      new TextMessage({ content: 'x' }),
    );
    assert.equal(muted.code, ErrorCode.FORBIDDEN_IN_CHATROOM);
    await t.api.call('/chatroom/user/block/add.json', {
      chatroomId: 'mod-room',
      userId: 'mod-b',
      minute: 5,
      needNotify: 1,
    });
    await waitFor(() => b.room.events.some((e) => e.chatroomNotifyBlock?.userIds[0] === 'mod-b'), 'block notice');
    await waitFor(() => b.client.chatroom.joined().length === 0, 'B forgot the room');
    assert.equal((await b.client.joinChatRoom('mod-room')).code, ErrorCode.RC_CHATROOM_USER_KICKED);
  });

  it('roles and the mic queue through client.chatroom.roles', async () => {
    const owner = await user('rq-owner');
    const m = await user('rq-m');
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'rq-room', creatorId: 'rq-owner' });
    await owner.client.joinChatRoom('rq-room', { count: -1 });
    await m.client.joinChatRoom('rq-room', { count: -1 });
    assert.equal(
      (await m.client.chatroom.roles.setMemberRole('rq-room', 'rq-m', 'admin')).code,
      ErrorCode.FORBIDDEN_IN_CHATROOM,
    );
    assert.equal((await owner.client.chatroom.roles.setMemberRole('rq-room', 'rq-m', 'member')).code, 0);
    assert.deepEqual((await m.client.chatroom.roles.getRoles('rq-room')).data, {
      creatorId: 'rq-owner',
      admins: [],
      permanentMembers: ['rq-m'],
    });
    assert.equal((await m.client.chatroom.roles.queueOffer('rq-room', 'rq-m', 'mic')).code, 0);
    await waitFor(() => owner.room.events.some((e) => e.chatroomQueueChange?.type === 'offer'), 'queue event');
    assert.deepEqual((await owner.client.chatroom.roles.queueList('rq-room')).data, [
      { key: 'rq-m', value: 'mic', userId: 'rq-m' },
    ]);
    assert.deepEqual((await owner.client.chatroom.roles.queuePoll('rq-room')).data, {
      key: 'rq-m',
      value: 'mic',
      userId: 'rq-m',
    });
    assert.equal((await owner.client.chatroom.roles.muteMember('rq-room', 'rq-m', 5)).code, 0);
    const muted = await m.client.sendMessage(
      { conversationType: CHATROOM, targetId: 'rq-room' },
      new TextMessage({ content: 'x' }),
    );
    assert.equal(muted.code, ErrorCode.FORBIDDEN_IN_CHATROOM);
    assert.equal((await owner.client.chatroom.roles.kickMember('rq-room', 'rq-m')).code, 0);
    await waitFor(() => m.client.chatroom.joined().length === 0, 'kicked member forgot the room');
  });

  it('the mic queue through the client: owned entries, transient ones leave with their owner, pages', async () => {
    const owner = await user('qq-owner');
    const a = await user('qq-a');
    const b = await user('qq-b');
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'qq-room', creatorId: 'qq-owner' });
    for (const u of [owner, a, b]) assert.equal((await u.client.joinChatRoom('qq-room', { count: -1 })).code, 0);
    assert.equal((await a.client.chatroom.roles.queueOffer('qq-room', 'seat-a', 'a', { transient: true })).code, 0);
    assert.equal(
      (await b.client.chatroom.roles.queueOffer('qq-room', 'seat-a', 'b')).code,
      ErrorCode.CHATROOM_KV_OVERWRITE_INVALID,
    );
    assert.equal((await b.client.chatroom.roles.queueOffer('qq-room', 'seat-b', 'b')).code, 0);
    assert.deepEqual((await owner.client.chatroom.roles.queueList('qq-room', { offset: 1, count: 1 })).data, [
      { key: 'seat-b', value: 'b', userId: 'qq-b' },
    ]);
    await a.client.quitChatRoom('qq-room');
    await waitFor(
      () =>
        owner.room.events.some(
          (e) => e.chatroomQueueChange?.type === 'remove' && e.chatroomQueueChange.key === 'seat-a',
        ),
      'the transient entry left',
    );
    assert.deepEqual(
      (await owner.client.chatroom.roles.queueList('qq-room')).data?.map((e) => e.key),
      ['seat-b'],
    );
  });

  it('a message the server drops under load resolves with success and data.dropped; the queue list takes a page', async () => {
    const a = await user('ls-a');
    const b = await user('ls-b');
    await a.client.joinChatRoom('ls-room', { count: -1 });
    await b.client.joinChatRoom('ls-room', { count: -1 });
    assert.equal(
      (await t.api.call('/chatroom/shedding/set.json', { chatroomId: 'ls-room', ceiling: 1, windowMs: 60_000 })).code,
      200,
    );
    const results = [];
    for (const content of ['one', 'two', 'three'])
      results.push(
        await a.client.sendMessage({ conversationType: CHATROOM, targetId: 'ls-room' }, new TextMessage({ content })),
      );
    assert.ok(results.every((r) => r.code === 0));
    const dropped = results.filter((r) => r.data?.dropped === 'overCeiling').map((r) => r.data!.content.content);
    assert.ok(dropped.length >= 1 && dropped.length <= 2, JSON.stringify(dropped));
    await sleep(50);
    for (const text of dropped) assert.ok(!b.room.texts().includes(text), `${text} reached nobody`);
    for (const key of ['k1', 'k2', 'k3'])
      assert.equal((await a.client.chatroom.roles.queueOffer('ls-room', key, 'v')).code, 0);
    assert.deepEqual((await a.client.chatroom.roles.queueList('ls-room', { offset: 1, count: 1 })).data, [
      { key: 'k2', value: 'v', userId: 'ls-a' },
    ]);
  });

  it('chatroomNotifyMultiLoginSync: another device of the user hears joins and quits; joining a second room leaves the first', async () => {
    const d1 = await user('ml-u');
    const d2 = await user('ml-u');
    await d1.client.joinChatRoom('ml-1', { count: -1 });
    await waitFor(() => d2.room.events.some((e) => e.chatroomNotifyMultiLoginSync?.status === 1), 'd2 hears the join');
    assert.equal(
      d2.room.events.find((e) => e.chatroomNotifyMultiLoginSync)?.chatroomNotifyMultiLoginSync?.chatroomId,
      'ml-1',
    );
    await d1.client.joinChatRoom('ml-2', { count: -1 });
    await waitFor(
      () => d1.room.events.some((e) => e.chatroomNotifyMultiLoginSync?.reason === 2),
      'd1 was moved out of ml-1',
    );
    assert.deepEqual(d1.client.chatroom.joined(), ['ml-2']);
    await d1.client.quitChatRoom('ml-2');
    await waitFor(
      () =>
        d2.room.events.some(
          (e) => e.chatroomNotifyMultiLoginSync?.status === 0 && e.chatroomNotifyMultiLoginSync.chatroomId === 'ml-2',
        ),
      'd2 hears the quit',
    );
  });
});
