/**
 * Blacklist, mutes and sensitive words through the client (seeds' names), against a real server:
 * the calls, the refused sends' codes, and MESSAGE_BLOCKED with the seeds' IBlockedMessageInfo.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BlacklistStatus,
  ConversationType,
  ErrorCode,
  Events,
  MessageBlockType,
  SentStatus,
  type IBlockedMessageInfo,
} from '../../src/services/client/index.js';
import { connectedClient, useTestServer } from './helpers.js';

const PRIVATE = ConversationType.PRIVATE;
const text = (content: string, extra?: string) => ({
  messageType: 'RC:TxtMsg',
  content: { content, ...(extra ? { extra } : {}) },
});

describe('client: blacklist', () => {
  const { t, track } = useTestServer();

  it('addToBlacklist / getBlacklist / getBlacklistStatus / removeFromBlacklist; a blocked send fails with 405 and MESSAGE_BLOCKED', async () => {
    const a = await connectedClient(t, 'cb-a');
    const b = await connectedClient(t, 'cb-b');
    track(a.client, b.client);
    assert.equal((await a.client.addToBlacklist('cb-b')).code, ErrorCode.SUCCESS);
    assert.deepEqual((await a.client.getBlacklist()).data, ['cb-b']);
    assert.equal((await a.client.getBlacklistStatus('cb-b')).data, BlacklistStatus.IN_BLACKLIST);
    assert.equal((await a.client.getBlacklistStatus('cb-c')).data, BlacklistStatus.NOT_IN_BLACKLIST);
    assert.equal((await a.client.addToBlacklist('')).code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);

    const blocked: IBlockedMessageInfo[] = [];
    b.client.addEventListener(Events.MESSAGE_BLOCKED, (info) => blocked.push(info));
    const res = await b.client.sendMessage({ conversationType: PRIVATE, targetId: 'cb-a' }, text('hi', 'ref-1'));
    assert.equal(res.code, ErrorCode.REJECTED_BY_BLACKLIST);
    assert.equal(res.data!.sentStatus, SentStatus.FAILED);
    assert.deepEqual(blocked, [
      {
        conversationType: PRIVATE,
        targetId: 'cb-a',
        blockedMessageUid: '',
        blockType: MessageBlockType.BLACKLIST,
        extra: 'ref-1',
        channelId: '',
        messageId: res.data!.messageId,
        code: ErrorCode.REJECTED_BY_BLACKLIST,
      },
    ]);
    // The blocker herself still sends, and no event is raised for successful sends.
    assert.equal(
      (await a.client.sendMessage({ conversationType: PRIVATE, targetId: 'cb-b' }, text('bye'))).code,
      ErrorCode.SUCCESS,
    );
    assert.equal((await a.client.removeFromBlacklist('cb-b')).code, ErrorCode.SUCCESS);
    assert.deepEqual((await a.client.getBlacklist()).data, []);
    assert.equal(
      (await b.client.sendMessage({ conversationType: PRIVATE, targetId: 'cb-a' }, text('hi again'))).code,
      ErrorCode.SUCCESS,
    );
    assert.equal(blocked.length, 1);
  });
});

describe('client: mutes', () => {
  const { t, track } = useTestServer({}, async (t) => {
    await t.api.call('/group/create.json', { groupId: 'cm-g', groupName: 'G', userId: ['cm-a', 'cm-b'] });
  });

  it('a muted sender gets 20106 / 22408 with MESSAGE_BLOCKED (MUTED); a lifted mute lets her send', async () => {
    const a = await connectedClient(t, 'cm-a');
    track(a.client);
    const blocked: IBlockedMessageInfo[] = [];
    a.client.addEventListener(Events.MESSAGE_BLOCKED, (info) => blocked.push(info));
    await t.api.call('/user/ban/add.json', { userId: 'cm-a' });
    await t.api.call('/group/user/ban/add.json', { userId: 'cm-a', groupId: 'cm-g' });
    const privateSend = await a.client.sendMessage({ conversationType: PRIVATE, targetId: 'cm-b' }, text('hi'));
    assert.equal(privateSend.code, ErrorCode.FORBIDDEN_IN_PRIVATE);
    const groupSend = await a.client.sendMessage(
      { conversationType: ConversationType.GROUP, targetId: 'cm-g' },
      text('hi all'),
    );
    assert.equal(groupSend.code, ErrorCode.FORBIDDEN_IN_GROUP);
    assert.deepEqual(
      blocked.map((b) => [b.conversationType, b.targetId, b.blockType, b.code, b.messageId]),
      [
        [PRIVATE, 'cm-b', MessageBlockType.MUTED, ErrorCode.FORBIDDEN_IN_PRIVATE, privateSend.data!.messageId],
        [
          ConversationType.GROUP,
          'cm-g',
          MessageBlockType.MUTED,
          ErrorCode.FORBIDDEN_IN_GROUP,
          groupSend.data!.messageId,
        ],
      ],
    );
    // A typing status of a muted user is not a blocked message.
    await a.client.sendTypingStatusMessage({ conversationType: PRIVATE, targetId: 'cm-b' }, 'RC:TxtMsg');
    await t.api.call('/user/ban/remove.json', { userId: 'cm-a' });
    await t.api.call('/group/user/ban/rollback.json', { userId: 'cm-a', groupId: 'cm-g' });
    assert.equal(
      (await a.client.sendMessage({ conversationType: ConversationType.GROUP, targetId: 'cm-g' }, text('back'))).code,
      ErrorCode.SUCCESS,
    );
    assert.equal(blocked.length, 2);
  });
});

describe('client: sensitive words', () => {
  const { t, track } = useTestServer({}, async (t) => {
    await t.api.call('/sensitiveword/add.json', { word: 'forbidden' });
    await t.api.call('/sensitiveword/add.json', { word: 'heck', replaceWord: '***' });
  });

  it('a blocked text fails with 21501 and MESSAGE_BLOCKED (CUSTOM); a replaced one is sent with the replacement', async () => {
    const a = await connectedClient(t, 'cw-a');
    track(a.client);
    const blocked: IBlockedMessageInfo[] = [];
    a.client.addEventListener(Events.MESSAGE_BLOCKED, (info) => blocked.push(info));
    const refused = await a.client.sendMessage(
      { conversationType: PRIVATE, targetId: 'cw-b' },
      text('the forbidden word'),
    );
    assert.equal(refused.code, ErrorCode.SENSITIVE_SHIELD);
    assert.equal(refused.data!.sentStatus, SentStatus.FAILED);
    assert.deepEqual(
      blocked.map((b) => [b.blockType, b.code, b.messageId]),
      [[MessageBlockType.CUSTOM, ErrorCode.SENSITIVE_SHIELD, refused.data!.messageId]],
    );
    const replaced = await a.client.sendMessage({ conversationType: PRIVATE, targetId: 'cw-b' }, text('what the heck'));
    assert.equal(replaced.code, ErrorCode.SUCCESS);
    assert.equal(replaced.data!.content.content, 'what the ***');
    assert.equal(blocked.length, 1);
  });

  it('a gagged chatroom member gets 23408 and MESSAGE_BLOCKED (MUTED)', async () => {
    const a = await connectedClient(t, 'cw-room');
    track(a.client);
    const blocked: IBlockedMessageInfo[] = [];
    a.client.addEventListener(Events.MESSAGE_BLOCKED, (info) => blocked.push(info));
    assert.equal((await a.client.joinChatRoom('cw-live', { count: -1 })).code, ErrorCode.SUCCESS);
    assert.equal(
      (await t.api.call('/chatroom/user/gag/add.json', { chatroomId: 'cw-live', userId: 'cw-room', minute: 5 })).code,
      200,
    );
    const res = await a.client.sendMessage(
      { conversationType: ConversationType.CHATROOM, targetId: 'cw-live' },
      text('hello room'),
    );
    assert.equal(res.code, ErrorCode.FORBIDDEN_IN_CHATROOM);
    assert.deepEqual(
      blocked.map((b) => [b.conversationType, b.targetId, b.blockType]),
      [[ConversationType.CHATROOM, 'cw-live', MessageBlockType.MUTED]],
    );
  });
});
