import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { HistoryReply, SendMessageReply } from '../../src/protocol/frames.js';
import { startTestServer, textMessage, type TestServer } from './helpers.js';

const { PRIVATE } = ConversationType;

describe('message expansion', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0 });
  });
  after(() => t.close());

  it('sets and removes pairs on an expandable message; both users get items; history carries it', async () => {
    const a = await t.connect('xa');
    const b = await t.connect('xb');
    const sent = await a.request<SendMessageReply>('sendMessage', {
      ...textMessage(PRIVATE, 'xb', 'order', 'x-1'),
      canIncludeExpansion: true,
      expansion: { status: 'new' },
    });
    const m = sent.data!.message;
    assert.equal(m.canIncludeExpansion, true);
    assert.deepEqual(m.expansion, { status: 'new' });
    const key = { conversationType: PRIVATE, targetId: 'xa', messageUId: m.messageUId };
    assert.equal(
      (await b.request('updateMessageExpansion', { ...key, expansion: { status: 'confirmed', by: 'xb' } })).code,
      0,
    );
    assert.equal((await b.request('removeMessageExpansionForKey', { ...key, keys: ['by'] })).code, 0);
    const items = await a.waitForItems(3);
    const exp = items.filter((i) => i.type === 'expansion');
    assert.equal(exp.length, 2);
    const history = await a.request<HistoryReply>('getHistoryMessages', { conversationType: PRIVATE, targetId: 'xb' });
    assert.deepEqual(history.data!.list[0]!.expansion, { status: 'confirmed' });
  });

  it('refuses messages without canIncludeExpansion (34008) and limits (34010), changing nothing', async () => {
    const a = await t.connect('ya');
    const plain = (await a.request<SendMessageReply>('sendMessage', textMessage(PRIVATE, 'yb', 'plain', 'y-1'))).data!
      .message;
    const key = { conversationType: PRIVATE, targetId: 'yb' };
    assert.equal(
      (await a.request('updateMessageExpansion', { ...key, messageUId: plain.messageUId, expansion: { k: 'v' } })).code,
      ErrorCode.MESSAGE_KV_NOT_SUPPORT,
    );
    const m = (
      await a.request<SendMessageReply>('sendMessage', {
        ...textMessage(PRIVATE, 'yb', 'x', 'y-2'),
        canIncludeExpansion: true,
      })
    ).data!.message;
    const at = { ...key, messageUId: m.messageUId };
    assert.equal(
      (await a.request('updateMessageExpansion', { ...at, expansion: { ['k'.repeat(33)]: 'v' } })).code,
      ErrorCode.EXPANSION_LIMIT_EXCEET,
    );
    assert.equal(
      (await a.request('updateMessageExpansion', { ...at, expansion: { 'bad key': 'v' } })).code,
      ErrorCode.EXPANSION_LIMIT_EXCEET,
    );
    assert.equal(
      (await a.request('updateMessageExpansion', { ...at, expansion: { k: 'v'.repeat(4097) } })).code,
      ErrorCode.EXPANSION_LIMIT_EXCEET,
    );
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v']));
    assert.equal(
      (await a.request('updateMessageExpansion', { ...at, expansion: many })).code,
      ErrorCode.EXPANSION_LIMIT_EXCEET,
    );
    for (let round = 0; round < 15; round++) {
      const batch = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`r${round}_${i}`, 'v']));
      assert.equal((await a.request('updateMessageExpansion', { ...at, expansion: batch })).code, 0);
    }
    assert.equal(
      (await a.request('updateMessageExpansion', { ...at, expansion: { one: 'more' } })).code,
      ErrorCode.EXPANSION_LIMIT_EXCEET,
      '300 pairs max',
    );
    const history = await a.request<HistoryReply>('getHistoryMessages', { conversationType: PRIVATE, targetId: 'yb' });
    assert.equal(Object.keys(history.data!.list.at(-1)!.expansion!).length, 300);
    const bad = await a.request('sendMessage', {
      ...textMessage(PRIVATE, 'yb', 'x', 'y-3'),
      canIncludeExpansion: true,
      expansion: { 'a b': 'c' },
    });
    assert.equal(bad.code, ErrorCode.EXPANSION_LIMIT_EXCEET);
    // Someone outside the conversation cannot see, let alone expand, the message.
    const stranger = await t.connect('yz');
    const foreign = await stranger.request('updateMessageExpansion', {
      conversationType: PRIVATE,
      targetId: 'ya',
      messageUId: m.messageUId,
      expansion: { k: 'v' },
    });
    assert.equal(foreign.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
  });
});

describe('fan-out ops share the send rate', () => {
  it('after a send, the fifth expansion update within a second is refused with 20604', async () => {
    const t = await startTestServer();
    try {
      const a = await t.connect('za');
      const m = (
        await a.request<SendMessageReply>('sendMessage', {
          ...textMessage(PRIVATE, 'zb', 'x', 'z-1'),
          canIncludeExpansion: true,
        })
      ).data!.message;
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push(
          (
            await a.request('updateMessageExpansion', {
              conversationType: PRIVATE,
              targetId: 'zb',
              messageUId: m.messageUId,
              expansion: { n: `${i}` },
            })
          ).code,
        );
      }
      assert.deepEqual(codes, [0, 0, 0, 0, ErrorCode.SEND_FREQUENCY_TOO_FAST]);
    } finally {
      await t.close();
    }
  });
});
