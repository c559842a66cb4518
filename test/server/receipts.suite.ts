import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { InboxItem, SendMessageReply, SyncReply } from '../../src/protocol/frames.js';
import { startTestServer, textMessage, type TestServer } from './helpers.js';

const { PRIVATE, GROUP } = ConversationType;

describe('read receipts and typing', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0 });
    await t.api.call('/group/create.json', { groupId: 'eg', groupName: 'E', userId: ['ea', 'eb', 'ec'] });
  });
  after(() => t.close());

  it('private: the sender gets a readReceipt item (even when offline)', async () => {
    const a = await t.connect('pa');
    const b = await t.connect('pb');
    const m = (await a.request<SendMessageReply>('sendMessage', textMessage(PRIVATE, 'pb', 'hi', 'r-1'))).data!.message;
    a.close();
    const res = await b.request('sendReadReceiptMessage', {
      targetId: 'pa',
      messageUId: m.messageUId,
      timestamp: m.sentTime,
    });
    assert.equal(res.code, 0, JSON.stringify(res));
    const later = await t.connect('pa');
    const items = (await later.request<SyncReply>('sync', { since: 0 })).data!.items;
    const receipt = items.find((i) => i.type === 'readReceipt');
    assert.ok(receipt && receipt.type === 'readReceipt');
    assert.equal(receipt.targetId, 'pb');
    assert.equal(receipt.sentTime, m.sentTime);
    const bad = await b.request('sendReadReceiptMessage', { targetId: 'pa', messageUId: 'nope', timestamp: 1 });
    assert.equal(bad.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
  });

  it('group: request → members, response → sender, reader list on demand; outsiders refused', async () => {
    const a = await t.connect('ea');
    const b = await t.connect('eb');
    const c = await t.connect('ec');
    const m = (await a.request<SendMessageReply>('sendMessage', textMessage(GROUP, 'eg', 'read me', 'g-1'))).data!
      .message;
    assert.equal(
      (await b.request('sendReadReceiptRequest', { targetId: 'eg', messageUId: m.messageUId })).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
      'only the sender',
    );
    assert.equal((await a.request('sendReadReceiptRequest', { targetId: 'eg', messageUId: m.messageUId })).code, 0);
    const bItems = await b.waitForItems(2);
    assert.ok(bItems.some((i) => i.type === 'receiptRequest' && i.senderUserId === 'ea'));
    assert.equal(
      (await b.request('sendReadReceiptResponseV2', { targetId: 'eg', messageList: { ea: [m.messageUId] } })).code,
      0,
    );
    assert.equal(
      (await c.request('sendReadReceiptResponseV2', { targetId: 'eg' })).code,
      0,
      'no list: pending requests',
    );
    const aItems: InboxItem[] = await a.waitForItems(3);
    const responses = aItems.filter((i) => i.type === 'receiptResponse');
    assert.deepEqual(responses.map((r) => r.type === 'receiptResponse' && r.readerUserId).sort(), ['eb', 'ec']);
    // A second response of the same reader changes nothing.
    await b.request('sendReadReceiptResponseV2', { targetId: 'eg', messageList: { ea: [m.messageUId] } });
    const readers = await a.request<{ totalCount: number; list: Array<{ userId: string }> }>('getMessageReader', {
      targetId: 'eg',
      messageUId: m.messageUId,
    });
    assert.equal(readers.data!.totalCount, 2);
    assert.deepEqual(readers.data!.list.map((r) => r.userId).sort(), ['eb', 'ec']);
    const outsider = await t.connect('ez');
    assert.equal(
      (await outsider.request('sendReadReceiptResponseV2', { targetId: 'eg' })).code,
      ErrorCode.NOT_IN_GROUP,
    );
    assert.equal(
      (await outsider.request('getMessageReader', { targetId: 'eg', messageUId: m.messageUId })).code,
      ErrorCode.NOT_IN_GROUP,
    );
  });

  it('getPeerReadTime: how far the peer read, for every device of the sender; getReadReceiptInfo: group counts', async () => {
    const a = await t.connect('qa');
    const b = await t.connect('qb');
    assert.equal((await a.request<{ readTime: number }>('getPeerReadTime', { targetId: 'qb' })).data!.readTime, 0);
    const m1 = (await a.request<SendMessageReply>('sendMessage', textMessage(PRIVATE, 'qb', 'one', 'q-1'))).data!
      .message;
    const m2 = (await a.request<SendMessageReply>('sendMessage', textMessage(PRIVATE, 'qb', 'two', 'q-2'))).data!
      .message;
    await b.request('sendReadReceiptMessage', { targetId: 'qa', messageUId: m2.messageUId, timestamp: m2.sentTime });
    // An older receipt arriving late does not move it back.
    await b.request('sendReadReceiptMessage', { targetId: 'qa', messageUId: m1.messageUId, timestamp: m1.sentTime });
    const otherDevice = await t.connect('qa');
    assert.equal(
      (await otherDevice.request<{ readTime: number }>('getPeerReadTime', { targetId: 'qb' })).data!.readTime,
      m2.sentTime,
    );
    // The reader's own side is a different question: nothing the sender sent was read by them.
    assert.equal((await b.request<{ readTime: number }>('getPeerReadTime', { targetId: 'qa' })).data!.readTime, 0);
    assert.equal((await a.request('getPeerReadTime', { targetId: '' })).code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);

    const ea = await t.connect('ea');
    const eb = await t.connect('eb');
    const g = (await ea.request<SendMessageReply>('sendMessage', textMessage(GROUP, 'eg', 'count me', 'g-2'))).data!
      .message;
    const plain = (await ea.request<SendMessageReply>('sendMessage', textMessage(GROUP, 'eg', 'no receipt', 'g-3')))
      .data!.message;
    await ea.request('sendReadReceiptRequest', { targetId: 'eg', messageUId: g.messageUId });
    await eb.request('sendReadReceiptResponseV2', { targetId: 'eg', messageList: { ea: [g.messageUId] } });
    type Info = {
      readReceiptInfo: Record<string, { readCount: number; hasRespond: boolean; isReceiptRequestMessage: boolean }>;
    };
    const info = (
      await ea.request<Info>('getReadReceiptInfo', { targetId: 'eg', messageUIds: [g.messageUId, plain.messageUId] })
    ).data!.readReceiptInfo;
    assert.deepEqual(info, { [g.messageUId]: { isReceiptRequestMessage: true, hasRespond: true, readCount: 1 } });
    // A message of another conversation, and outsiders, are refused.
    assert.equal(
      (await ea.request('getReadReceiptInfo', { targetId: 'eg', messageUIds: [m1.messageUId] })).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    const outsider = await t.connect('ez');
    assert.equal(
      (await outsider.request('getReadReceiptInfo', { targetId: 'eg', messageUIds: [g.messageUId] })).code,
      ErrorCode.NOT_IN_GROUP,
    );
  });

  it('RC:TypSts is always live-only, whatever the flags say', async () => {
    const a = await t.connect('ta');
    const b = await t.connect('tb');
    const res = await a.request('sendMessage', {
      ...textMessage(PRIVATE, 'tb', '', 'ty-1'),
      messageType: 'RC:TypSts',
      content: { typingContentType: 'RC:TxtMsg' },
    });
    assert.equal(res.code, 0);
    const [item] = await b.waitForItems(1);
    assert.equal(item!.seq, 0);
    const bad = await a.request('sendMessage', {
      ...textMessage(PRIVATE, 'tb', '', 'ty-2'),
      messageType: 'RC:TypSts',
      content: {},
    });
    assert.equal(bad.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
  });
});
