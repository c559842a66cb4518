import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { HistoryReply, SendMessageReply } from '../../src/protocol/frames.js';
import { MessageBlockType, ModerationLimits } from '../../src/protocol/moderation.js';
import { roomText } from './chatroom-helpers.js';
import { startTestServer, textMessage, type TestServer } from './helpers.js';

const { PRIVATE, GROUP } = ConversationType;

describe('sensitive words', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0 });
    await t.api.call('/group/create.json', { groupId: 'sw-g', userId: ['sw-a', 'sw-b'] });
  });
  after(() => t.close());

  it('replaces a replace-word (ignoring case) and blocks a blocking word (21501) in private, group and chatroom texts', async () => {
    assert.equal((await t.api.call('/sensitiveword/add.json', { word: 'darn', replaceWord: '***' })).code, 200);
    assert.equal((await t.api.call('/sensitiveword/add.json', { word: '秘密' })).code, 200);
    const a = await t.connect('sw-a');
    const b = await t.connect('sw-b');
    const sent = await a.request<SendMessageReply>('sendMessage', textMessage(PRIVATE, 'sw-b', 'Darn it, darn', 's1'));
    assert.equal(sent.code, 0);
    assert.equal(sent.data!.message.content.content, '*** it, ***', 'the sender sees what was stored');
    const history = await b.request<HistoryReply>('getHistoryMessages', {
      conversationType: PRIVATE,
      targetId: 'sw-a',
    });
    assert.deepEqual(
      history.data!.list.map((m) => m.content.content),
      ['*** it, ***'],
      'the recipient never sees the word',
    );

    const refused = await a.request('sendMessage', textMessage(GROUP, 'sw-g', '这是秘密', 's2'));
    assert.equal(refused.code, ErrorCode.SENSITIVE_SHIELD);
    assert.deepEqual(refused.data, { blockType: MessageBlockType.CUSTOM });
    const groupHistory = await b.request<HistoryReply>('getHistoryMessages', {
      conversationType: GROUP,
      targetId: 'sw-g',
    });
    assert.deepEqual(groupHistory.data!.list, [], 'nothing stored or delivered');

    assert.equal((await a.request('joinChatRoom', { chatRoomId: 'sw-room', count: -1 })).code, 0);
    const inRoom = await a.request('sendChatroomMessage', roomText('sw-room', '秘密!'));
    assert.equal(inRoom.code, ErrorCode.SENSITIVE_SHIELD);
    const replaced = await a.request<SendMessageReply>('sendChatroomMessage', roomText('sw-room', 'oh darn'));
    assert.equal(replaced.data!.message.content.content, 'oh ***');

    // Only text: other types and the Server API's own sends are not filtered (seeds' defaults).
    const card = await a.request<SendMessageReply>('sendMessage', {
      ...textMessage(PRIVATE, 'sw-b', '', 's3'),
      messageType: 'App:Card',
      content: { content: 'darn' },
    });
    assert.equal(card.data!.message.content.content, 'darn');
    const published = await t.api.call('/message/private/publish.json', {
      fromUserId: 'sw-a',
      toUserId: 'sw-b',
      objectName: 'RC:TxtMsg',
      content: '{"content":"秘密"}',
    });
    assert.equal(published.code, 200);
  });

  it('a mute or blacklist is reported before a blocked word, and refuses a resend of a stored message', async () => {
    await t.api.call('/sensitiveword/add.json', { word: 'zonk' });
    const a = await t.connect('sw-m1');
    const b = await t.connect('sw-m2');
    assert.equal((await a.request('sendMessage', textMessage(PRIVATE, 'sw-m2', 'first', 'm1'))).code, 0);
    assert.equal((await a.request('sendMessage', textMessage(PRIVATE, 'sw-m2', 'zonk', 'm2'))).code, 21501);
    assert.equal((await t.api.call('/user/ban/add.json', { userId: 'sw-m1' })).code, 200);
    const muted = await a.request('sendMessage', textMessage(PRIVATE, 'sw-m2', 'zonk', 'm3'));
    assert.equal(muted.code, ErrorCode.FORBIDDEN_IN_PRIVATE, 'the mute, not the word');
    assert.deepEqual(muted.data, { blockType: MessageBlockType.MUTED });
    const resent = await a.request('sendMessage', textMessage(PRIVATE, 'sw-m2', 'first', 'm1'));
    assert.equal(resent.code, ErrorCode.FORBIDDEN_IN_PRIVATE, 'a resend is checked like a new send');
    assert.equal((await t.api.call('/user/ban/remove.json', { userId: 'sw-m1' })).code, 200);
    assert.equal((await b.request('addToBlacklist', { userId: 'sw-m1' })).code, 0);
    const blacklisted = await a.request('sendMessage', textMessage(PRIVATE, 'sw-m2', 'zonk', 'm4'));
    assert.equal(blacklisted.code, ErrorCode.REJECTED_BY_BLACKLIST, 'the blacklist, not the word');
    assert.equal((await b.request('removeFromBlacklist', { userId: 'sw-m1' })).code, 0);
    const history = await b.request<HistoryReply>('getHistoryMessages', {
      conversationType: PRIVATE,
      targetId: 'sw-m1',
    });
    assert.deepEqual(
      history.data!.list.map((m) => m.content.content),
      ['first'],
      'only the send before the mute was stored',
    );
    await t.api.call('/sensitiveword/delete.json', { word: 'zonk' });
  });

  it('lists, filters by type and removes words; a removed word passes at once', async () => {
    await t.api.call('/sensitiveword/add.json', { word: 'Gosh', replaceWord: '#' });
    const all = await t.api.call('/sensitiveword/list.json', {});
    assert.deepEqual(all.words, [
      { type: '0', word: 'darn', replaceWord: '***' },
      { type: '1', word: '秘密', replaceWord: '' },
      { type: '0', word: 'gosh', replaceWord: '#' },
    ]);
    assert.deepEqual(
      (await t.api.call('/sensitiveword/list.json', { type: 1 })).words.map((w: { word: string }) => w.word),
      ['秘密'],
    );
    assert.equal((await t.api.call('/sensitiveword/delete.json', { word: '秘密' })).code, 200);
    const a = await t.connect('sw-a');
    assert.equal((await a.request('sendMessage', textMessage(PRIVATE, 'sw-b', '秘密', 'r1'))).code, 0);
    assert.equal((await t.api.call('/sensitiveword/batch/delete.json', { words: ['darn', 'GOSH'] })).code, 200);
    assert.deepEqual((await t.api.call('/sensitiveword/list.json', {})).words, []);
    const plain = await a.request<SendMessageReply>('sendMessage', textMessage(PRIVATE, 'sw-b', 'darn gosh', 'r2'));
    assert.equal(plain.data!.message.content.content, 'darn gosh');
  });

  it('holds 50 words at most and refuses bad words with a clear error', async () => {
    for (let i = 0; i < ModerationLimits.SENSITIVE_WORDS_MAX; i++) {
      assert.equal((await t.api.call('/sensitiveword/add.json', { word: `w${i}` })).code, 200);
    }
    const over = await t.api.call('/sensitiveword/add.json', { word: 'one-too-many' });
    assert.equal(over.code, 1002);
    assert.match(over.errorMessage, /at most 50/);
    assert.equal(
      (await t.api.call('/sensitiveword/add.json', { word: 'w0', replaceWord: '*' })).code,
      200,
      'changing a word is no addition',
    );
    assert.equal((await t.api.call('/sensitiveword/add.json', { word: 'x'.repeat(33) })).code, 1005);
    assert.equal((await t.api.call('/sensitiveword/add.json', { word: '   ' })).code, 1002);
    assert.equal((await t.api.call('/sensitiveword/list.json', { type: 2 })).code, 1002);
    // A replacement longer than its word cannot grow a text past the content limit.
    await t.api.call('/sensitiveword/batch/delete.json', { words: ['w3', 'w4'] });
    await t.api.call('/sensitiveword/add.json', { word: 'q', replaceWord: 'x'.repeat(32) });
    const grower = await t.connect('sw-a');
    const big = await grower.request('sendMessage', textMessage(PRIVATE, 'sw-b', 'q'.repeat(5000), 'big1'));
    assert.equal(big.code, ErrorCode.RC_MSG_CONTENT_EXCEED_LIMIT);
    assert.equal((await grower.request('sendMessage', textMessage(PRIVATE, 'sw-b', 'q'.repeat(100), 'big2'))).code, 0);
    // Regex characters are words like any other.
    await t.api.call('/sensitiveword/batch/delete.json', { words: ['w1', 'w2'] });
    await t.api.call('/sensitiveword/add.json', { word: 'a.b', replaceWord: '*' });
    const a = await t.connect('sw-a');
    const sent = await a.request<SendMessageReply>('sendMessage', textMessage(PRIVATE, 'sw-b', 'axb a.b', 'x1'));
    assert.equal(sent.data!.message.content.content, 'axb *');
  });
});
